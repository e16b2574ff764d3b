/// A small seeded generator (SplitMix64), so every run of a benchmark or a load draws the same values.
///
/// ```swift
/// var generator = SplitMix64(seed: 26)
/// let key = Int.random(in: 0..<100_000, using: &generator)
/// ```
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// - Parameter seed: The starting state.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
