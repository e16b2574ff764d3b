/// The mode of an API key. Modes partition all stored data: test traffic never
/// counts toward live velocity, and the reverse.
public enum DataMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Data made with a `sk_test_…` key.
    case test
    /// Data made with a `sk_live_…` key.
    case live
}
