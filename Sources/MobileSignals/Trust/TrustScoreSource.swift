import PhoneNumbers

/// A trust provider scoring numbers from 0 (no trust) to 1000.
///
/// With none configured, `trust_score` is missing. A score outside 0…1000 is
/// treated as a garbled answer: missing, and cached as a failure.
public protocol TrustScoreSource: Sendable {
    /// A stable name that partitions the cache.
    var source: String { get }
    /// The score of `number`, or `nil` when the provider cannot tell.
    /// - Parameter number: a valid number.
    func trustScore(for number: PhoneNumber) async throws -> Int?
}
