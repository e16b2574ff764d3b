/// Draws from the operating system's CSPRNG (`SystemRandomNumberGenerator`:
/// `getrandom` on Linux, `arc4random` on Darwin) without modulo bias.
enum SecureRandom {
    /// A uniform integer in `0..<upperBound`.
    static func uniform(below upperBound: UInt64) -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return UInt64.random(in: 0..<upperBound, using: &generator)
    }

    /// `count` characters drawn uniformly from `alphabet`.
    static func string(count: Int, alphabet: [Character]) -> String {
        String((0..<count).map { _ in alphabet[Int(uniform(below: UInt64(alphabet.count)))] })
    }
}
