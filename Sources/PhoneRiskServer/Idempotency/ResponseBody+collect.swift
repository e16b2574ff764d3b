import Hummingbird
import NIOCore

extension ResponseBody {
    /// The body's bytes, gathered by writing it into memory; every response of
    /// this API is a small JSON document built in memory, so this is cheap.
    func collected() async throws -> ByteBuffer {
        let sink = CollectedBytes()
        try await write(CollectingWriter(sink: sink))
        return sink.buffer
    }
}

/// Where ``CollectingWriter`` puts the bytes; a class because `write(_:)`
/// consumes the writer.
private final class CollectedBytes {
    var buffer = ByteBuffer()
}

private struct CollectingWriter: ResponseBodyWriter {
    let sink: CollectedBytes

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        sink.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
