/// Why a Twilio lookup gave no answer. Messages never carry the number or
/// the credentials (Twilio's own messages can echo the number, so only its
/// numeric codes are kept).
public enum TwilioLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment describes an unusable configuration.
    case invalidConfiguration(String)
    /// Twilio answered 429.
    case rateLimited(retryAfter: String?)
    /// Twilio answered another non-200 status, with its error code when the body had one.
    case httpStatus(Int, twilioCode: Int?)
    /// The package came back with an `error_code` (e.g. 60600 unprovisioned, 60620 incomplete SIM swap data).
    case packageError(CarrierField, code: Int)
    /// The body was not the documented JSON.
    case malformedResponse(String)
    /// The request did not complete (connection refused, reset, timed out…).
    case transport(String)

    /// A readable description (never containing a secret or a phone number).
    public var description: String {
        switch self {
        case .invalidConfiguration(let reason):
            return "invalid Twilio Lookup configuration: \(reason)"
        case .rateLimited(let retryAfter):
            return "Twilio Lookup rate limited the request" + (retryAfter.map { " (Retry-After: \($0))" } ?? "")
        case .httpStatus(let status, let code):
            return "Twilio Lookup answered HTTP \(status)" + (code.map { " (Twilio error \($0))" } ?? "")
        case .packageError(let field, let code):
            return "Twilio Lookup's \(field.rawValue) package failed with error \(code)"
        case .malformedResponse(let reason):
            return "Twilio Lookup answered something unreadable: \(reason)"
        case .transport(let reason):
            return "Twilio Lookup request failed: \(reason)"
        }
    }
}
