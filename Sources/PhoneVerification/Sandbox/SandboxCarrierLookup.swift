import Foundation
import MobileSignals
import PhoneNumbers

/// The test-mode carrier source: the ``SandboxFixture`` numbers answer their
/// fixed facts; every other number answers "cannot tell", leaving its carrier
/// signals to the number metadata.
public struct SandboxCarrierLookup: CarrierLookup {
    /// `sandbox`: its answers are cached apart from real sources.
    public let source = "sandbox"
    /// The packages the fixtures describe (they hold no SMS pumping risk or line status).
    public let supportedFields: Set<CarrierField> = [.lineType, .simSwap, .callForwarding]
    private let clock: @Sendable () -> Date

    /// The fixture lookup.
    ///
    /// - Parameter clock: the time the fixtures' ages are measured from.
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// The fixture's facts for `field`, or no facts.
    public func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts {
        guard let fixture = SandboxFixture.fixture(for: number.e164) else { return CarrierFacts() }
        let facts = fixture.carrierFacts(at: clock())
        switch field {
        case .lineType:
            return CarrierFacts(carrierName: facts.carrierName, lineType: facts.lineType, mobileCountryCode: facts.mobileCountryCode,
                                mobileNetworkCode: facts.mobileNetworkCode, ported: facts.ported, portedAt: facts.portedAt)
        case .simSwap:
            return CarrierFacts(simSwappedAt: facts.simSwappedAt)
        case .callForwarding:
            return CarrierFacts(callForwarding: facts.callForwarding)
        case .smsPumpingRisk, .lineStatus:
            return CarrierFacts()
        }
    }
}

/// The test-mode trust source: fixture numbers answer their score, others cannot tell.
public struct SandboxTrustScores: TrustScoreSource {
    /// `sandbox`.
    public let source = "sandbox"

    /// The fixture trust source.
    public init() {}

    /// The fixture's score, or nil.
    public func trustScore(for number: PhoneNumber) async throws -> Int? {
        SandboxFixture.fixture(for: number.e164)?.trustScore
    }
}
