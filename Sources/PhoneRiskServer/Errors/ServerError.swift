import HTTPTypes

/// The few errors only the HTTP layer answers, outside API.md's table:
/// a known path asked with a method it does not serve (405), and a store
/// that does not answer `/healthz` (503).
///
/// Every error in API.md's table is a `PhoneVerification.APIError`, built by
/// its factories; both kinds are written in the same envelope by
/// ``ErrorEnvelope``.
///
/// ```swift
/// throw ServerError.methodNotAllowed(method: .delete, path: "/v1/accounts", allowed: [.post])
/// ```
public struct ServerError: Error, Sendable, Equatable {
    /// The HTTP status the error is answered with.
    public var status: HTTPResponse.Status
    /// The error's `type`.
    public var type: String
    /// The machine-readable `code`.
    public var code: String
    /// The sentence for people, naming what was wrong.
    public var message: String
    /// Extra response headers (`Allow` on a 405).
    public var headers: HTTPFields

    /// 405 `method_not_allowed`, with the `Allow` header listing what the path serves.
    ///
    /// - Parameters:
    ///   - method: The request method.
    ///   - path: The request path.
    ///   - allowed: The methods the path does serve.
    public static func methodNotAllowed(method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> ServerError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return ServerError(
            status: .methodNotAllowed, type: "invalid_request_error", code: "method_not_allowed",
            message: "\(path) does not accept \(method.rawValue); it accepts \(list).",
            headers: [.allow: list]
        )
    }

    /// 503 `store_unavailable` on `/healthz`.
    ///
    /// - Parameter reason: Why the store did not answer, without secrets.
    public static func storeUnavailable(_ reason: String) -> ServerError {
        ServerError(
            status: .serviceUnavailable, type: "api_error", code: "store_unavailable",
            message: "The store is not answering: \(reason).", headers: [:]
        )
    }
}
