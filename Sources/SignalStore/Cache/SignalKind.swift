/// A kind of cached signal data; each kind has its own time to live.
public struct SignalKind: Sendable, Hashable, CustomStringConvertible {
    /// The stable name stored in the cache and used as the metrics label.
    public let name: String

    /// Creates a kind.
    /// - Parameter name: a stable snake_case name.
    public init(_ name: String) {
        self.name = name
    }

    /// Carrier name, line type, MCC/MNC and porting (30 days).
    public static let lineType = SignalKind("line_type")
    /// The last SIM change (24 hours).
    public static let simSwap = SignalKind("sim_swap")
    /// Unconditional call forwarding (24 hours).
    public static let callForwarding = SignalKind("call_forwarding")
    /// The trust provider's score (24 hours).
    public static let trustScore = SignalKind("trust_score")
    /// The SMS pumping risk score and Fraud Guard block (24 hours: it follows live traffic).
    public static let smsPumpingRisk = SignalKind("sms_pumping_risk")
    /// Whether the line is active or reachable on its network (24 hours).
    public static let lineStatus = SignalKind("line_status")
    /// Prove's answer to a Human Assurance call (24 hours).
    public static let prove = SignalKind("prove")

    /// A readable description (never containing a secret or a phone number).
    public var description: String { name }
}

/// Times to live of the signal cache, per kind, and for failed lookups.
///
/// ```swift
/// var ttls = SignalCacheTTLs()
/// ttls.failure = .seconds(60)
/// ```
public struct SignalCacheTTLs: Sendable, Hashable {
    /// Per-kind times to live; a kind not listed uses ``fallback``.
    public var byKind: [SignalKind: Duration]
    /// The time to live of a kind missing from ``byKind``.
    public var fallback: Duration
    /// How long a failed, timed-out or garbled lookup is remembered, so an outage is not a stampede.
    public var failure: Duration

    /// SIGNALS.md's defaults: carrier and line type 30 days; SIM swap, call
    /// forwarding, trust score, SMS pumping risk, line status and Prove 24 hours;
    /// a failure 5 minutes.
    public init(
        byKind: [SignalKind: Duration] = [
            .lineType: .seconds(30 * 86_400),
            .simSwap: .seconds(86_400),
            .callForwarding: .seconds(86_400),
            .trustScore: .seconds(86_400),
            .smsPumpingRisk: .seconds(86_400),
            .lineStatus: .seconds(86_400),
            .prove: .seconds(86_400),
        ],
        fallback: Duration = .seconds(86_400),
        failure: Duration = .seconds(300)
    ) {
        self.byKind = byKind
        self.fallback = fallback
        self.failure = failure
    }

    /// The time to live of a successful lookup of `kind`.
    public func success(_ kind: SignalKind) -> Duration {
        byKind[kind] ?? fallback
    }
}
