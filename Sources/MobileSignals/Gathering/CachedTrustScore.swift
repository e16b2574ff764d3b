/// A trust provider's answer as cached: a score, or "cannot tell".
struct CachedTrustScore: Sendable, Hashable, Codable {
    var score: Int?
}
