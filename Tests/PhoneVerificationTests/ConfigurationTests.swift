@testable import PhoneVerification
import RuleEngine
import Testing

@Suite("Configuration and stored signals")
struct ConfigurationTests {
    @Test func readsRateLimitsDurationsAndTheLiveProviderFromTheEnvironment() throws {
        let configuration = try VerificationConfiguration.fromEnvironment([
            "PHONERISK_RATE_LIMIT_PHONE": "3/15m", "PHONERISK_RATE_LIMIT_ACCOUNT": "20/1d",
            "PHONERISK_CODE_TTL": "5m", "PHONERISK_LIVE_PROVIDER": "prove",
        ])
        #expect(configuration.phoneRateLimit == RateLimit(count: 3, windowSeconds: 900))
        #expect(configuration.accountRateLimit == RateLimit(count: 20, windowSeconds: 86_400))
        #expect(configuration.codeTTLSeconds == 300)
        #expect(configuration.liveProvider == "prove")
        #expect(try VerificationConfiguration.fromEnvironment([:]) == VerificationConfiguration())
        #expect(VerificationConfiguration().phoneRateLimit.description == "5/10m")
    }

    @Test(arguments: ["5", "5/", "/10m", "0/10m", "5/10", "5/1h30m", "5/1.5h", "x/10m", "5/0s", "5/99999999999999999d"])
    func refusesMalformedRateLimits(_ text: String) {
        #expect(throws: ConfigurationError.self) {
            try VerificationConfiguration.fromEnvironment(["PHONERISK_RATE_LIMIT_PHONE": text])
        }
    }

    @Test func refusesAnUnknownLiveProviderNamingTheVariable() {
        let error = #expect(throws: ConfigurationError.self) {
            try VerificationConfiguration.fromEnvironment(["PHONERISK_LIVE_PROVIDER": "sandbox"])
        }
        #expect(error?.description.contains("PHONERISK_LIVE_PROVIDER") == true)
    }

    @Test func durationsRoundTrip() throws {
        #expect(try DurationText.seconds("90s") == 90)
        #expect(try DurationText.seconds("36h") == 129_600)
        #expect(DurationText.string(600) == "10m")
        #expect(DurationText.string(90) == "90s")
        #expect(DurationText.string(86_400) == "1d")
        #expect(throws: ConfigurationError.self) { try DurationText.seconds("") }
        #expect(throws: ConfigurationError.self) { try DurationText.seconds("-5m") }
    }

    @Test func signalSetsRoundTripWithTheirTypes() throws {
        let signals: [String: SignalValue] = [
            "a": .int(-3), "b": .float(2.5), "c": .bool(true), "d": .string("GB \"quoted\""), "e": .duration(seconds: 86_400),
            "f": .float(5),
        ]
        let text = SignalSetCoding.encode(signals)
        #expect(try SignalSetCoding.decode(text) == signals)
        #expect(text.hasPrefix(#"{"a":{"int":-3}"#))
        #expect(throws: SignalSetDecodingError.self) { try SignalSetCoding.decode(#"{"a":{"int":1,"bool":true}}"#) }
        #expect(throws: SignalSetDecodingError.self) { try SignalSetCoding.decode("[]") }
    }

    @Test func thePolicyHolderKeepsTheRunningPolicyWhenAReloadFails() throws {
        let holder = try PolicyHolder()
        let before = holder.current
        #expect(before.name == "phone_verification")
        #expect(throws: PolicyCompileError.self) { try holder.reload(source: "policy broken version", file: "broken.rules") }
        #expect(holder.current.name == before.name)
        try holder.reload(source: ServiceHarness.policySource, file: "service_test.rules")
        #expect(holder.current.name == "service_test")
        #expect(holder.current.version == 7)
    }
}
