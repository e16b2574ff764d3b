import SignalStore

/// One package of carrier data, looked up and cached on its own because each
/// has its own time to live (and its own price at the provider).
public enum CarrierField: String, Sendable, Hashable, CaseIterable {
    /// Carrier name, line type, MCC/MNC, porting: `carrier.*`.
    case lineType = "line_type_intelligence"
    /// The last SIM change: `sim_swap.age`.
    case simSwap = "sim_swap"
    /// Unconditional call forwarding: `call_forwarding`.
    case callForwarding = "call_forwarding"

    /// The cache kind (and time to live) of this package.
    public var cacheKind: SignalKind {
        switch self {
        case .lineType: .lineType
        case .simSwap: .simSwap
        case .callForwarding: .callForwarding
        }
    }
}
