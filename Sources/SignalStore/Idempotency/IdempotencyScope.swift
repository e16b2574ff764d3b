/// What one idempotency key is scoped to: the API key that sent it and the
/// route (method and concrete path) it was sent to.
///
/// ```swift
/// let scope = IdempotencyScope(apiKeyID: key.id, route: "POST /v1/accounts", key: "order-1234")
/// ```
public struct IdempotencyScope: Sendable, Hashable {
    /// The id of the API key that sent the request.
    public var apiKeyID: String
    /// The method and path (`POST /v1/accounts/…/confirm`).
    public var route: String
    /// The client's `Idempotency-Key`.
    public var key: String

    /// Creates a scope.
    ///
    /// - Parameters:
    ///   - apiKeyID: The API key's id.
    ///   - route: The method and path.
    ///   - key: The client's idempotency key.
    public init(apiKeyID: String, route: String, key: String) {
        self.apiKeyID = apiKeyID
        self.route = route
        self.key = key
    }
}

/// An answer kept for replay: status and body, byte for byte.
public struct IdempotentResponse: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a kept answer.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - body: The body bytes.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// What ``IdempotencyStore/claim(_:requestBody:now:)`` found.
public enum IdempotencyClaim: Sendable, Hashable {
    /// The key is new: run the request, then ``IdempotencyStore/complete(_:with:)``
    /// or ``IdempotencyStore/release(_:)``.
    case claimed
    /// The same request was answered before: send this answer again.
    case replay(IdempotentResponse)
    /// The first request with this key is still running.
    case inFlight
    /// The key was first used with a different body.
    case bodyMismatch
}
