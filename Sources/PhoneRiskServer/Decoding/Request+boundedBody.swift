import Hummingbird
import NIOCore
import PhoneVerification

extension Request {
    /// Reads the whole body, refusing it as soon as it passes `limit` bytes.
    ///
    /// A `Content-Length` over the limit is refused before a byte is read, and a
    /// chunked body is counted while it streams, so an oversized upload is never
    /// buffered. The collected body replaces the stream, so a later reader (the
    /// route after the idempotency check) sees it again.
    ///
    /// - Parameter limit: The largest body accepted, in bytes.
    /// - Returns: The body.
    /// - Throws: `APIError.bodyTooLarge` past the limit.
    mutating func collectBody(limit: Int) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.bodyTooLarge(limit: limit)
        }
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: limit)
        }
    }
}
