/// The body of `POST …/phone_verifications/{id}/confirm`: `{code}`.
public struct ConfirmRequest: Sendable, Hashable, Decodable {
    /// The code the end user received (6 digits).
    public var code: String

    /// Builds a request.
    ///
    /// - Parameter code: the code to check.
    public init(code: String) { self.code = code }

    /// The JSON field names, for strict decoding; `code` is required.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case code
    }
}
