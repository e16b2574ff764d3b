#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension EvalCommand {
    /// Reads a file descriptor in large chunks and hands each to `consume`, which returns how
    /// many bytes it used; the unused tail (an unfinished line) is kept in front of the next
    /// chunk, and the buffer grows when one line is longer than it.
    struct ChunkedInput {
        let descriptor: Int32
        var buffer = [UInt8](repeating: 0, count: 1 << 20)

        /// Calls `consume` until the end of the input; its `final` argument is true on the last call.
        /// - Returns: false when a read failed (the input is not readable).
        mutating func forEachChunk(
            _ consume: (UnsafeBufferPointer<UInt8>, _ final: Bool) throws -> Int
        ) rethrows -> Bool {
            var kept = 0
            while true {
                if kept == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
                let got = buffer.withUnsafeMutableBytes { bytes in
                    read(descriptor, bytes.baseAddress! + kept, bytes.count - kept)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                let filled = kept + got
                let used = try buffer.withUnsafeBufferPointer { bytes in
                    try consume(UnsafeBufferPointer(rebasing: bytes[..<filled]), got == 0)
                }
                if got == 0 { return true }
                kept = filled - used
                if kept > 0, used > 0 {
                    buffer.withUnsafeMutableBytes { bytes in
                        bytes.baseAddress!.copyMemory(from: bytes.baseAddress! + used, byteCount: kept)
                    }
                }
            }
        }
    }

    /// Writes all of `bytes` to standard output and empties it, keeping its capacity.
    /// - Throws: ``StandardOutput/closedStatus`` when stdout no longer takes output.
    static func flush(_ bytes: inout [UInt8]) throws {
        try bytes.withUnsafeBytes { try StandardOutput.write($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Opens `path` for reading; nil when it does not exist, is not readable or is a directory.
    static func openForReading(_ path: String) -> Int32? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        if fstat(descriptor, &status) != 0 || status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}
