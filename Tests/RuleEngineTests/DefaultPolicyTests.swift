import DefaultPolicy
import Testing
@testable import RuleEngine

@Suite("The embedded default policy")
struct DefaultPolicyTests {
    private let policy: CompiledPolicy

    init() throws {
        policy = try CompiledPolicy(source: DefaultPolicy.source, file: DefaultPolicy.fileName)
    }

    /// A clean create-stage signal set, as the verification service supplies it.
    private var clean: [String: SignalValue] {
        [
            "stage": .string("create"), "phone.valid": .bool(true), "phone.country": .string("GB"),
            "phone.country_code": .int(44), "phone.type": .string("mobile"), "carrier.line_type": .string("mobile"),
            "trust_score": .int(700), "ip.country": .string("GB"), "account.age": .duration(seconds: 86_400 * 90),
            "behavior.attempts_1h": .int(1), "behavior.attempts_24h": .int(1),
            "behavior.accounts_per_phone_30d": .int(1), "behavior.phones_per_account_30d": .int(1),
            "behavior.failed_codes": .int(0), "behavior.resends": .int(0),
        ]
    }

    @Test func itCompilesWithoutWarningsAndDeclaresTheSignalsWithTheirContractTypes() {
        #expect(policy.warnings.isEmpty)
        let byName = Dictionary(uniqueKeysWithValues: policy.inputs.map { ($0.name, $0) })
        #expect(byName["stage"]?.type == .enumeration(["create", "confirm"]))
        #expect(byName["trust_score"] == PolicyInput(name: "trust_score", type: .int, optional: true))
        #expect(byName["account.age"] == PolicyInput(name: "account.age", type: .duration, optional: false))
        #expect(byName["behavior.code_entry"] == PolicyInput(name: "behavior.code_entry", type: .duration, optional: true))
        #expect(byName["phone.valid"]?.optional == false)
        #expect(byName["carrier.line_type"]?.optional == false)
    }

    @Test func aCleanMobileNumberPassesAtBothStages() throws {
        #expect(try policy.evaluate(clean).verdict == .pass)
        var confirm = clean
        confirm["stage"] = .string("confirm")
        confirm["behavior.code_entry"] = .duration(seconds: 20)
        #expect(try policy.evaluate(confirm, strict: true).verdict == .pass)
    }

    @Test func aPremiumRateNumberIsBlocked() throws {
        var signals = clean
        signals["phone.type"] = .string("premium_rate")
        let result = try policy.evaluate(signals)
        #expect(result.verdict == .block && result.decidedBy == "PREMIUM_LINE")
    }
}
