import Foundation
import MobileSignals
import PhoneNumbers

/// One test-mode number whose Prove answer is fixed, so an integrator reaches
/// every Prove outcome of a `type: "prove"` verification with no outside
/// service. The numbers are ACMA's fictional Australian mobiles, like the
/// carrier fixtures of ``SandboxFixture``; any other number gets a clean answer.
public struct SandboxProveFixture: Sendable, Hashable {
    /// What Prove does for the number.
    public enum Outcome: Sendable, Hashable {
        /// Prove answers with these failure codes (none: a clean answer).
        case answer(failureCodes: [String])
        /// Prove does not answer within the deadline: the create falls back to `twilio`.
        case timeout
    }

    /// The number, E.164.
    public let phoneNumber: String
    /// What it simulates, for people.
    public let summary: String
    /// Prove's answer.
    public let outcome: Outcome

    /// Every fixture.
    public static let all: [SandboxProveFixture] = [
        SandboxProveFixture(phoneNumber: "+61491570737", summary: "a clean answer: authentication and risk pass, AL2",
                            outcome: .answer(failureCodes: [])),
        SandboxProveFixture(phoneNumber: "+61491571266", summary: "9133: not trusted by the SIM Key Trust Score",
                            outcome: .answer(failureCodes: ["9133"])),
        SandboxProveFixture(phoneNumber: "+61491571491", summary: "9132: the number's texts are published on a public website",
                            outcome: .answer(failureCodes: ["9132"])),
        SandboxProveFixture(phoneNumber: "+61491571804", summary: "9135 and 9137: a SIM swap under 24 hours, call forwarding on",
                            outcome: .answer(failureCodes: ["9135", "9137"])),
        SandboxProveFixture(phoneNumber: "+61491572549", summary: "Prove times out: the create falls back to twilio",
                            outcome: .timeout),
    ]

    /// The fixture of `e164`, if it is one.
    public static func fixture(for e164: String) -> SandboxProveFixture? {
        all.first { $0.phoneNumber == e164 }
    }
}

/// The test-mode Prove source: the ``SandboxProveFixture`` numbers answer
/// their fixed outcome at once (the timeout too, without waiting); every other
/// number answers clean. Nothing leaves the machine; any region is served.
public struct SandboxProveLookup: ProveLookup {
    /// `sandbox`: its answers are cached apart from Prove's.
    public let source = "sandbox"
    private let clock: @Sendable () -> Date

    /// The fixture source.
    /// - Parameter clock: the time answers are stamped with.
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// Every number: the sandbox has no region.
    public func serves(_ number: PhoneNumber) -> Bool { true }

    /// The fixture's answer, a clean one for other numbers, or ``ProveFailure/timeout(_:)`` at once for the timeout fixture.
    public func verify(_ request: ProveVerifyRequest) async throws(ProveFailure) -> ProveAnswer {
        let outcome = SandboxProveFixture.fixture(for: request.phoneNumber)?.outcome ?? .answer(failureCodes: [])
        switch outcome {
        case .timeout:
            throw .timeout(.seconds(5))
        case .answer(let codes):
            let clean = codes.isEmpty
            return ProveAnswer(
                success: clean, correlationID: "sandbox-\(request.verificationID)", assuranceLevel: clean ? 2 : 0,
                authentication: "pass", risk: clean ? "pass" : "fail", failureCodes: codes, answeredAt: clock())
        }
    }
}
