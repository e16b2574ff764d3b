import Foundation
import PhoneNumbers

/// What the fake Twilio knows of one number: the carrier facts Lookup answers and whether Verify
/// refuses to send to it.
public struct NumberFacts: Sendable, Hashable {
    /// Twilio's `line_type_intelligence.type` (`mobile`, `nonFixedVoip`, `landline`…).
    public var lineType: String
    /// The network's name.
    public var carrierName: String?
    /// The mobile country code.
    public var mcc: String?
    /// The mobile network code.
    public var mnc: String?
    /// When the SIM last changed; nil when Twilio reports no change within its period.
    public var simSwappedAt: Date?
    /// Whether unconditional call forwarding is on.
    public var callForwarding: Bool
    /// `sms_pumping_risk_score`, 0–100.
    public var pumpingRiskScore: Int
    /// `sms_pumping_risk.number_blocked`: Fraud Guard blocked the number.
    public var numberBlocked: Bool
    /// `line_status.status`.
    public var lineStatus: String
    /// The Verify error code every send to the number gets, nil to send.
    public var sendError: Int?

    /// Creates the facts.
    ///
    /// - Parameters:
    ///   - lineType: Twilio's line type name.
    ///   - carrierName: The network's name.
    ///   - mcc: Mobile country code.
    ///   - mnc: Mobile network code.
    ///   - simSwappedAt: The last SIM change, if within Twilio's period.
    ///   - callForwarding: Unconditional forwarding.
    ///   - pumpingRiskScore: Twilio's SMS pumping risk score.
    ///   - numberBlocked: Whether Fraud Guard blocked the number.
    ///   - lineStatus: The line's status.
    ///   - sendError: The Verify error code sends get.
    public init(
        lineType: String = "mobile", carrierName: String? = nil, mcc: String? = nil, mnc: String? = nil,
        simSwappedAt: Date? = nil, callForwarding: Bool = false, pumpingRiskScore: Int = 0, numberBlocked: Bool = false,
        lineStatus: String = "active", sendError: Int? = nil
    ) {
        self.lineType = lineType
        self.carrierName = carrierName
        self.mcc = mcc
        self.mnc = mnc
        self.simSwappedAt = simSwappedAt
        self.callForwarding = callForwarding
        self.pumpingRiskScore = pumpingRiskScore
        self.numberBlocked = numberBlocked
        self.lineStatus = lineStatus
        self.sendError = sendError
    }

    /// Twilio's line type for a metadata type, as Lookup would answer for an ordinary number of the range.
    public static func twilioLineType(for type: PhoneNumberType) -> String {
        switch type {
        case .mobile, .fixedLineOrMobile: "mobile"
        case .fixedLine: "landline"
        case .voip: "nonFixedVoip"
        case .tollFree: "tollFree"
        case .premiumRate: "premium"
        case .sharedCost: "sharedCost"
        case .personalNumber: "personal"
        case .pager: "pager"
        case .uan: "uan"
        case .voicemail: "voicemail"
        case .unknown: "unknown"
        }
    }
}
