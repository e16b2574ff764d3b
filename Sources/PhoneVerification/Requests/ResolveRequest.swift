/// The body of `POST …/phone_verifications/{id}/resolve`: `{outcome: "approve" | "reject"}`.
public struct ResolveRequest: Sendable, Hashable, Decodable {
    /// `approve` or `reject`; anything else is a 400 on `outcome`.
    public var outcome: String

    /// Builds a request.
    ///
    /// - Parameter outcome: `approve` or `reject`.
    public init(outcome: String) { self.outcome = outcome }

    /// The JSON field names, for strict decoding; `outcome` is required.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case outcome
    }
}
