/// "At most `count` per `window`", written `5/10m` in the environment.
///
/// ```swift
/// let limit = try RateLimit(parsing: "5/10m")   // count 5, window 600 s
/// ```
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Verifications allowed in one window (at least 1).
    public var count: Int
    /// The sliding window, in seconds (at least 1).
    public var windowSeconds: Int64

    /// Builds a limit.
    ///
    /// - Parameters:
    ///   - count: verifications allowed per window.
    ///   - windowSeconds: the window in seconds.
    public init(count: Int, windowSeconds: Int64) {
        self.count = count
        self.windowSeconds = windowSeconds
    }

    /// Reads `COUNT/DURATION` such as `5/10m` or `10/1h`.
    ///
    /// - Throws: ``ConfigurationError/invalidValue(name:value:reason:)`` naming `setting`.
    public init(parsing text: String, setting: String = "rate limit") throws(ConfigurationError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Int(parts[0]), count >= 1 else {
            throw .invalidValue(name: setting, value: text, reason: "expected COUNT/DURATION with COUNT ≥ 1, such as 5/10m")
        }
        let window = try DurationText.seconds(String(parts[1]), setting: setting)
        guard window >= 1 else {
            throw .invalidValue(name: setting, value: text, reason: "the window must be at least 1s")
        }
        self.init(count: count, windowSeconds: window)
    }

    /// `5/10m` style text.
    public var description: String { "\(count)/\(DurationText.string(windowSeconds))" }
}
