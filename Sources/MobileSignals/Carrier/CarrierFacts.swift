import Foundation

/// What a carrier lookup told about a number. Every field is optional: a
/// source that cannot tell leaves it `nil`, and the signal stays missing.
///
/// Times are absolute (the port date, the SIM change date), so a cached
/// answer yields the right age whenever it is read.
public struct CarrierFacts: Sendable, Hashable, Codable {
    /// The network operator's name.
    public var carrierName: String?
    /// The line type.
    public var lineType: LineType?
    /// The mobile country code.
    public var mobileCountryCode: String?
    /// The mobile network code.
    public var mobileNetworkCode: String?
    /// Whether the number was ported from its original network.
    public var ported: Bool?
    /// When the number was last ported.
    public var portedAt: Date?
    /// The latest moment the SIM was last changed.
    public var simSwappedAt: Date?
    /// Whether unconditional call forwarding is on.
    public var callForwarding: Bool?
    /// The provider's SMS pumping risk score, 0 (no risk) to 100 (Twilio's `sms_pumping_risk_score`).
    public var smsPumpingScore: Int?
    /// Whether the provider's fraud defence currently blocks SMS to this number (Twilio's `number_blocked`).
    public var numberBlocked: Bool?
    /// The line's state on its network, lower case (`active`, `reachable`, `unreachable`, `inactive`, `unknown`).
    public var lineStatus: String?

    /// Creates facts; every field defaults to "cannot tell".
    public init(
        carrierName: String? = nil,
        lineType: LineType? = nil,
        mobileCountryCode: String? = nil,
        mobileNetworkCode: String? = nil,
        ported: Bool? = nil,
        portedAt: Date? = nil,
        simSwappedAt: Date? = nil,
        callForwarding: Bool? = nil,
        smsPumpingScore: Int? = nil,
        numberBlocked: Bool? = nil,
        lineStatus: String? = nil
    ) {
        self.carrierName = carrierName
        self.lineType = lineType
        self.mobileCountryCode = mobileCountryCode
        self.mobileNetworkCode = mobileNetworkCode
        self.ported = ported
        self.portedAt = portedAt
        self.simSwappedAt = simSwappedAt
        self.callForwarding = callForwarding
        self.smsPumpingScore = smsPumpingScore
        self.numberBlocked = numberBlocked
        self.lineStatus = lineStatus
    }

    /// These facts, with every field they leave `nil` taken from `other`.
    public func filling(from other: CarrierFacts) -> CarrierFacts {
        CarrierFacts(
            carrierName: carrierName ?? other.carrierName,
            lineType: lineType ?? other.lineType,
            mobileCountryCode: mobileCountryCode ?? other.mobileCountryCode,
            mobileNetworkCode: mobileNetworkCode ?? other.mobileNetworkCode,
            ported: ported ?? other.ported,
            portedAt: portedAt ?? other.portedAt,
            simSwappedAt: simSwappedAt ?? other.simSwappedAt,
            callForwarding: callForwarding ?? other.callForwarding,
            smsPumpingScore: smsPumpingScore ?? other.smsPumpingScore,
            numberBlocked: numberBlocked ?? other.numberBlocked,
            lineStatus: lineStatus ?? other.lineStatus
        )
    }
}
