/// A small seeded generator (SplitMix64): the same seed draws the same traffic, so two runs of a
/// scenario, or two policies compared on it, see identical users and bots.
///
/// ```swift
/// var generator = SeededGenerator(seed: 7)
/// let delay = generator.uniform(8...90)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// - Parameter seed: The starting state.
    public init(seed: UInt64) { state = seed }

    /// A generator for one part of a run (`stream`: a population's index, say), independent of the
    /// others, so adding a population does not change what the others draw.
    ///
    /// - Parameters:
    ///   - seed: The run's seed.
    ///   - stream: Which independent stream.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SeededGenerator(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `probability` (0–1).
    public mutating func chance(_ probability: Double) -> Bool {
        probability >= 1 || (probability > 0 && Double.random(in: 0..<1, using: &self) < probability)
    }

    /// A whole number drawn uniformly from `range`.
    public mutating func uniform(_ range: ClosedRange<Int64>) -> Int64 {
        Int64.random(in: range, using: &self)
    }

    /// One key of `weights`, drawn in proportion to its weight; keys are taken in the order given.
    public mutating func pick<Key>(_ weights: [(Key, Double)]) -> Key {
        let total = weights.reduce(0) { $0 + $1.1 }
        var point = Double.random(in: 0..<max(total, .leastNonzeroMagnitude), using: &self)
        for (key, weight) in weights {
            if point < weight { return key }
            point -= weight
        }
        return weights[weights.count - 1].0
    }
}
