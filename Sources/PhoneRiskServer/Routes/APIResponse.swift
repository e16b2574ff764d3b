import Foundation
import Hummingbird

/// Builds the JSON responses of the API, objects and errors alike, with one
/// encoder, so every route writes JSON the same way.
enum APIResponse {
    /// A JSON response with the body encoded as API objects are.
    ///
    /// - Parameters:
    ///   - status: The status.
    ///   - headers: Extra headers.
    ///   - body: The object to encode.
    static func json(status: HTTPResponse.Status, headers: HTTPFields = [:], body: some Encodable) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data: Data
        do {
            data = try APIJSON.encoder.encode(body)
        } catch {
            // Only a bug in an object's encoding lands here; answer the
            // fixed internal error rather than a half-written body.
            data = Data(#"{"error":{"type":"api_error","code":"internal_error","message":"An internal error occurred.","param":null}}"#.utf8)
            return Response(status: .internalServerError, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The one JSON encoder for response bodies, so every route writes JSON the
/// same way. Keys are sorted: Foundation's encoder otherwise writes them in
/// hash order, which differs between runs, and the same answer must always be
/// the same bytes (the 401 body is identical for every cause).
enum APIJSON {
    /// A fresh encoder per use: `JSONEncoder` is a class and not shared across tasks.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
