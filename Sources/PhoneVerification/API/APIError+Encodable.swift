/// Encodes as API.md's envelope: `{"error": {"type", "code", "message", "param", …}}`.
///
/// `param` is always present (null when no field is at fault);
/// `attempts_remaining` and `verification` appear only on the errors that carry
/// them. `Retry-After` is a header, so `retryAfter` is not in the body.
extension APIError: Encodable {
    private enum EnvelopeKeys: String, CodingKey { case error }
    private enum BodyKeys: String, CodingKey {
        case type, code, message, param
        case attemptsRemaining = "attempts_remaining"
        case verification
    }

    /// Encodes the object exactly as API.md shows it: every documented field, `null` when empty.
    public func encode(to encoder: any Encoder) throws {
        var envelope = encoder.container(keyedBy: EnvelopeKeys.self)
        var body = envelope.nestedContainer(keyedBy: BodyKeys.self, forKey: .error)
        try body.encode(kind.rawValue, forKey: .type)
        try body.encode(code.rawValue, forKey: .code)
        try body.encode(message, forKey: .message)
        try body.encode(param, forKey: .param)
        try body.encodeIfPresent(attemptsRemaining, forKey: .attemptsRemaining)
        try body.encodeIfPresent(verification, forKey: .verification)
    }
}

extension APIError: CustomStringConvertible {
    /// `status type/code: message`, for logs and test failures.
    public var description: String { "\(status) \(kind.rawValue)/\(code.rawValue): \(message)" }
}
