import Foundation
import RuleEngine

extension [String: SignalValue] {
    /// Adds the `prove.*` signals of `answer` and the carrier signals its
    /// failure codes set, with PROVE.md's precedence: a listed code wins over
    /// the carrier lookup and the metadata; an absent code changes nothing.
    ///
    /// Each `prove.*` flag is `true` when its code is listed, `false` when the
    /// answer had an evaluation without it, missing when it had none.
    /// - Parameters:
    ///   - answer: Prove's answer (possibly cached).
    ///   - now: the request time; ages are measured from it.
    public mutating func addProve(_ answer: ProveAnswer, now: Date) {
        self[SignalName.proveFallback] = .bool(false)
        if let authentication = answer.authentication { self[SignalName.proveAuthentication] = .string(authentication) }
        if let risk = answer.risk { self[SignalName.proveRisk] = .string(risk) }
        if let level = answer.assuranceLevel { self[SignalName.proveAssuranceLevel] = .int(Int64(level)) }
        let codes = answer.failureCodes ?? []
        self[SignalName.proveFailureReasons] = .string(codes.joined(separator: ","))
        guard let listed = answer.failureCodes.map(Set.init) else { return }

        for (name, flagCodes) in ProveCode.flags {
            self[name] = .bool(!listed.isDisjoint(with: flagCodes))
        }
        self[SignalName.proveOtherFailure] = .bool(!listed.isSubset(of: ProveCode.known))

        let dayBefore = answer.answeredAt.addingTimeInterval(-86_400)
        if listed.contains(ProveCode.nonFixedVoIP) {
            self[SignalName.carrierLineType] = .string(LineType.nonFixedVoip.rawValue)
        }
        if listed.contains(ProveCode.simSwap) {
            self[SignalName.simSwapAge] = Self.youngest(self[SignalName.simSwapAge], since: dayBefore, now: now)
        }
        if listed.contains(ProveCode.port) {
            self[SignalName.carrierPorted] = .bool(true)
            self[SignalName.carrierPortedAge] = Self.youngest(self[SignalName.carrierPortedAge], since: dayBefore, now: now)
        }
        if listed.contains(ProveCode.callForwarding) {
            self[SignalName.callForwarding] = .bool(true)
        }
    }

    /// Marks the create as fallen back from Prove: `prove.fallback = true`, every other Prove signal missing.
    public mutating func addProveFallback() {
        self[SignalName.proveFallback] = .bool(true)
    }

    /// The smaller of another source's age and the age of an event at most at `since`.
    private static func youngest(_ other: SignalValue?, since: Date, now: Date) -> SignalValue {
        let bound = now.seconds(since: since)
        if case .duration(seconds: let seconds)? = other, seconds < bound {
            return .duration(seconds: seconds)
        }
        return .duration(seconds: bound)
    }
}

/// Prove's failure reason codes that PhoneRisk reads.
enum ProveCode {
    static let nonFixedVoIP = "9134"
    static let simSwap = "9135"
    static let port = "9136"
    static let callForwarding = "9137"

    /// The `prove.*` flags and the codes that set each.
    static let flags: [(String, Set<String>)] = [
        (SignalName.proveOSRNonMobile, ["9131"]),
        (SignalName.provePublicSMSNumber, ["9132"]),
        (SignalName.proveLowTrust, ["9133"]),
        (SignalName.proveTenureVeryShort, ["9161"]),
        (SignalName.proveTenureShort, ["9161", "9162"]),
        (SignalName.proveRecycledNumber, ["9163", "9164"]),
        (SignalName.proveInjectionAttack, ["9171"]),
        (SignalName.proveNoIdentity, ["9175", "9177"]),
    ]

    /// Every code with a signal of its own; any other sets `prove.other_failure`.
    static let known: Set<String> = Set(flags.flatMap(\.1)).union([nonFixedVoIP, simSwap, port, callForwarding])
}
