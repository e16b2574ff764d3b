import Foundation
import Hummingbird
import PhoneVerification

/// Writes every error the service answers in API.md's one shape,
/// `{"error": {"type", "code", "message", "param", …}}`, with its status and
/// headers (`Retry-After` on `rate_limited`, `Allow` on a 405).
///
/// ```swift
/// let response = ErrorEnvelope.response(for: APIError.missingField("code"))
/// ```
enum ErrorEnvelope {
    /// The response for a domain error.
    ///
    /// - Parameter error: The error.
    static func response(for error: APIError) -> Response {
        var headers: HTTPFields = [:]
        if let retryAfter = error.retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
        return APIResponse.json(status: HTTPResponse.Status(code: error.status), headers: headers, body: error)
    }

    /// The response for an error only the HTTP layer answers.
    ///
    /// - Parameter error: The error.
    static func response(for error: ServerError) -> Response {
        APIResponse.json(status: error.status, headers: error.headers, body: ServerErrorBody(error: error))
    }
}

/// The envelope of a ``ServerError``.
private struct ServerErrorBody: Encodable {
    var error: ServerError

    private enum EnvelopeKeys: String, CodingKey { case error }
    private enum BodyKeys: String, CodingKey { case type, code, message, param }

    func encode(to encoder: any Encoder) throws {
        var envelope = encoder.container(keyedBy: EnvelopeKeys.self)
        var body = envelope.nestedContainer(keyedBy: BodyKeys.self, forKey: .error)
        try body.encode(error.type, forKey: .type)
        try body.encode(error.code, forKey: .code)
        try body.encode(error.message, forKey: .message)
        try body.encodeNil(forKey: .param)
    }
}
