/// The mode of an API key; it partitions every object the service stores.
///
/// Objects made with a `test` key are invisible to `live` keys and the
/// reverse: a lookup across modes answers 404 exactly like an unknown id.
///
/// ```swift
/// let mode = APIMode(rawValue: "test")   // .test
/// mode?.keyPrefix                        // "sk_test_"
/// ```
public enum APIMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Sandbox traffic: the default provider is `sandbox` and carrier signals come from fixtures.
    case test
    /// Real traffic: codes go out through a real provider.
    case live

    /// The prefix of every API key of this mode (`sk_test_` or `sk_live_`).
    public var keyPrefix: String { "sk_\(rawValue)_" }
}
