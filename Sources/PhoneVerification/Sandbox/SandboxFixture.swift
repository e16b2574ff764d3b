import Foundation
import MobileSignals

/// One test-mode number whose carrier signals are fixed, so an integrator can
/// reach every decision of a policy with no outside service.
///
/// The numbers are reserved for fictional use and valid for libphonenumber:
/// ACMA's Australian mobile numbers (`+61 491 570 xxx`) and Ofcom's premium-rate
/// drama range (`+44 909 879 0xxx`); none is ever assigned to anyone. (Ofcom's
/// drama mobiles, `+44 7700 900xxx`, are not valid numbers for libphonenumber,
/// so the service refuses them.) Any other number in test mode gets the offline
/// signals of its number metadata alone.
public struct SandboxFixture: Sendable, Hashable {
    /// The number, E.164.
    public let phoneNumber: String
    /// What it simulates, for people.
    public let summary: String
    /// The line type it reports.
    public let lineType: LineType
    /// Whether it reports a port.
    public let ported: Bool
    /// Days since the port, if ported.
    public let portedDaysAgo: Int?
    /// Days since the last SIM change.
    public let simSwapDaysAgo: Int
    /// Whether unconditional call forwarding is on.
    public let callForwarding: Bool
    /// Its trust score (0–1000).
    public let trustScore: Int

    /// The carrier facts it answers at `now`.
    public func carrierFacts(at now: Date) -> CarrierFacts {
        CarrierFacts(
            carrierName: "PhoneRisk Sandbox Mobile", lineType: lineType,
            ported: ported, portedAt: portedDaysAgo.map { now.addingTimeInterval(-Double($0) * 86_400) },
            simSwappedAt: now.addingTimeInterval(-Double(simSwapDaysAgo) * 86_400), callForwarding: callForwarding)
    }

    /// Every fixture. Under the default policy the set reaches `pass`, `step_up`, `review` and `block`.
    public static let all: [SandboxFixture] = [
        SandboxFixture(phoneNumber: "+61491570006", summary: "a long-held mobile with a high trust score",
                       lineType: .mobile, ported: false, portedDaysAgo: nil, simSwapDaysAgo: 900, callForwarding: false, trustScore: 900),
        SandboxFixture(phoneNumber: "+61491570156", summary: "a non-fixed VoIP line",
                       lineType: .nonFixedVoip, ported: false, portedDaysAgo: nil, simSwapDaysAgo: 900, callForwarding: false, trustScore: 600),
        SandboxFixture(phoneNumber: "+61491570157", summary: "a SIM swap 1 day ago on a low-trust number",
                       lineType: .mobile, ported: false, portedDaysAgo: nil, simSwapDaysAgo: 1, callForwarding: false, trustScore: 250),
        SandboxFixture(phoneNumber: "+61491570158", summary: "ported to another network 2 days ago",
                       lineType: .mobile, ported: true, portedDaysAgo: 2, simSwapDaysAgo: 10, callForwarding: false, trustScore: 550),
        SandboxFixture(phoneNumber: "+61491570159", summary: "unconditional call forwarding on",
                       lineType: .mobile, ported: false, portedDaysAgo: nil, simSwapDaysAgo: 900, callForwarding: true, trustScore: 500),
        SandboxFixture(phoneNumber: "+61491570110", summary: "a very low trust score",
                       lineType: .mobile, ported: false, portedDaysAgo: nil, simSwapDaysAgo: 900, callForwarding: false, trustScore: 100),
        SandboxFixture(phoneNumber: "+61491570313", summary: "a SIM swap 1 day ago on a VoIP line with low trust",
                       lineType: .nonFixedVoip, ported: false, portedDaysAgo: nil, simSwapDaysAgo: 1, callForwarding: false, trustScore: 150),
        SandboxFixture(phoneNumber: "+449098790000", summary: "a premium-rate number",
                       lineType: .premium, ported: false, portedDaysAgo: nil, simSwapDaysAgo: 900, callForwarding: false, trustScore: 500),
    ]

    /// The fixture of `e164`, if it is one.
    public static func fixture(for e164: String) -> SandboxFixture? {
        all.first { $0.phoneNumber == e164 }
    }
}
