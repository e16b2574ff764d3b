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
    /// The SMS pumping risk score and Fraud Guard block: `carrier.sms_pumping_score`, `carrier.number_blocked`.
    case smsPumpingRisk = "sms_pumping_risk"
    /// Whether the line is active or reachable on its network: `carrier.line_status`.
    case lineStatus = "line_status"

    /// The cache kind (and time to live) of this package.
    public var cacheKind: SignalKind {
        switch self {
        case .lineType: .lineType
        case .simSwap: .simSwap
        case .callForwarding: .callForwarding
        case .smsPumpingRisk: .smsPumpingRisk
        case .lineStatus: .lineStatus
        }
    }
}
