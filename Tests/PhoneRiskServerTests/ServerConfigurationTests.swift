import PhoneVerification
import Testing
@testable import PhoneRiskServer

@Suite("serve's configuration: flags, then PHONERISK_* variables, then built-in values")
struct ServerConfigurationTests {
    @Test("with nothing given, the built-in values apply")
    func defaults() throws {
        let configuration = try ServerConfiguration.resolve(flags: ServerFlags(), environment: [:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.databasePath == "phonerisk.sqlite")
        #expect(configuration.policyFile == nil)
        #expect(configuration.verification.codeTTLSeconds == 600)
        #expect(configuration.synchronous == .full)
    }

    @Test("variables override the built-in values, and flags override variables")
    func precedence() throws {
        let environment = [
            "PHONERISK_HOST": "0.0.0.0", "PHONERISK_PORT": "9000", "PHONERISK_DB": "/var/lib/p.sqlite",
            "PHONERISK_POLICY": "/etc/p.rules", "PHONERISK_CODE_TTL": "5m", "PHONERISK_SYNCHRONOUS": "normal",
            "PHONERISK_RATE_LIMIT_PHONE": "3/1h",
        ]
        let fromEnvironment = try ServerConfiguration.resolve(flags: ServerFlags(), environment: environment)
        #expect(fromEnvironment.host == "0.0.0.0")
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.databasePath == "/var/lib/p.sqlite")
        #expect(fromEnvironment.policyFile == "/etc/p.rules")
        #expect(fromEnvironment.verification.codeTTLSeconds == 300)
        #expect(fromEnvironment.verification.phoneRateLimit == RateLimit(count: 3, windowSeconds: 3600))
        #expect(fromEnvironment.synchronous == .normal)

        let flags = ServerFlags(host: "::1", port: 0, database: "here.sqlite", policy: "mine.rules", codeTTL: "90s")
        let fromFlags = try ServerConfiguration.resolve(flags: flags, environment: environment)
        #expect(fromFlags.host == "::1")
        #expect(fromFlags.port == 0)
        #expect(fromFlags.databasePath == "here.sqlite")
        #expect(fromFlags.policyFile == "mine.rules")
        #expect(fromFlags.verification.codeTTLSeconds == 90)
    }

    @Test("bad values are refused naming the flag or variable")
    func badValues() {
        #expect(throws: ServerConfigurationError.invalidValue(
            setting: "PHONERISK_PORT", value: "http", expected: "a port from 0 to 65535 (0 picks a free one)")) {
            try ServerConfiguration.resolve(flags: ServerFlags(), environment: ["PHONERISK_PORT": "http"])
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration.resolve(flags: ServerFlags(port: 70_000), environment: [:])
        }
        do {
            _ = try ServerConfiguration.resolve(flags: ServerFlags(codeTTL: "10"), environment: [:])
            Issue.record("a duration without a unit was accepted")
        } catch {
            #expect(error.description.contains("--code-ttl"))
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration.resolve(flags: ServerFlags(), environment: ["PHONERISK_SYNCHRONOUS": "OFF"])
        }
    }

    @Test("--db and PHONERISK_DB take a PostgreSQL URL as well as an SQLite path; an empty one is refused")
    func postgres() throws {
        let flag = try ServerConfiguration.resolve(flags: ServerFlags(database: "postgres://localhost/phonerisk"), environment: [:])
        #expect(flag.databasePath == "postgres://localhost/phonerisk")
        #expect(DatabaseLocation.isPostgres(flag.databasePath))
        let variable = try ServerConfiguration.resolve(flags: ServerFlags(), environment: ["PHONERISK_DB": "PostgreSQL://db/p"])
        #expect(DatabaseLocation.isPostgres(variable.databasePath))
        #expect(!DatabaseLocation.isPostgres("postgres.sqlite"))
        #expect(throws: ServerConfigurationError.invalidValue(
            setting: "--db", value: "", expected: "the path of an SQLite file or a postgres:// URL")) {
            try ServerConfiguration.resolve(flags: ServerFlags(database: ""), environment: [:])
        }
    }
}
