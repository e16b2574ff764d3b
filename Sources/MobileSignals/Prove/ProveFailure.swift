/// Why a Prove step gave no answer, one case per fallback reason of PROVE.md.
/// Descriptions carry Prove's numeric error code at most, never its message,
/// the number, the secret or a token.
public enum ProveFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// No answer within the step's deadline.
    case timeout(Duration)
    /// A connection failure, a 5xx, or a failure the cache remembers.
    case unavailable(String)
    /// Prove answered 429, or PhoneRisk's own cap of requests per second was reached.
    case rateLimited(String)
    /// `/token` answered 400 or 401, or `/v3/verify` answered 401 again after a new token.
    case authFailed(status: Int, code: Int?)
    /// Another 4xx.
    case rejected(status: Int, code: Int?)
    /// A 200 whose body is not Prove's answer.
    case unreadable(String)
    /// The number is outside the configured region: nothing was sent.
    case outsideRegion

    /// The fallback reason recorded on the verification and in metrics.
    public var reason: String {
        switch self {
        case .timeout: "timeout"
        case .unavailable: "unavailable"
        case .rateLimited: "rate_limited"
        case .authFailed: "auth_failed"
        case .rejected: "rejected"
        case .unreadable: "error"
        case .outsideRegion: "region"
        }
    }

    /// A readable description (never containing a secret, a token or a phone number).
    public var description: String {
        switch self {
        case .timeout(let deadline): "Prove gave no answer within \(deadline)"
        case .unavailable(let detail): "Prove is unavailable: \(detail)"
        case .rateLimited(let detail): "Prove requests are rate limited: \(detail)"
        case .authFailed(let status, let code): "Prove refused the credentials (HTTP \(status)\(code.map { ", code \($0)" } ?? ""))"
        case .rejected(let status, let code): "Prove rejected the request (HTTP \(status)\(code.map { ", code \($0)" } ?? ""))"
        case .unreadable(let detail): "Prove answered something unreadable: \(detail)"
        case .outsideRegion: "the number is outside the configured Prove region"
        }
    }
}
