@testable import PostgresStore
import Testing

@Suite("PostgreSQL URLs")
struct PostgresConnectionSettingsTests {
    @Test func aFullURLGivesEveryPart() throws {
        let settings = try PostgresConnectionSettings(
            url: "postgresql://risk%40ops:p%40ss%2Fw0rd@db.internal:6543/phonerisk?sslmode=disable&connect_timeout=3&application_name=api")
        #expect(settings.user == "risk@ops")
        #expect(settings.password == "p@ss/w0rd")
        #expect(settings.host == "db.internal")
        #expect(settings.port == 6543)
        #expect(settings.database == "phonerisk")
        #expect(settings.connectTimeout == .seconds(3))
        #expect(settings.applicationName == "api")
    }

    @Test func sslModeFollowsLibpqAndDefaultsToPrefer() throws {
        #expect(try PostgresConnectionSettings(url: "postgres://u@h/db").tlsMode == .prefer)
        for mode in ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] {
            let settings = try PostgresConnectionSettings(url: "postgres://u@h/db?sslmode=\(mode)")
            #expect(settings.tlsMode.rawValue == mode)
            #expect(settings.configuration.tls.sslContext == nil ? mode == "disable" : mode != "disable")
        }
    }

    @Test func portAndDatabaseDefaultAsWithPsql() throws {
        let settings = try PostgresConnectionSettings(url: "postgres://risk@[::1]")
        #expect(settings.host == "::1")
        #expect(settings.port == 5432)
        #expect(settings.database == "risk")
        #expect(settings.password == nil)
        #expect(settings.redactedURL == "postgres://risk@[::1]:5432/risk")
    }

    @Test(arguments: [
        ("mysql://u:p@h/db", "the scheme must be postgres:// or postgresql://"),
        ("postgres:///db", "no host"),
        ("postgres://h:5432/db", "no user name"),
        ("postgres://u:p@h:0/db", "port 0 is outside 1…65535"),
        ("postgres://u:p@h/db?sslmode=sometimes", "unknown sslmode 'sometimes'"),
        ("postgres://u:p@h/db?sslmode=require&sslrootcert=/etc/ssl/ca.pem", "sslrootcert is used only with"),
        ("postgres://u:p@h/db?sslmode=verify-full&sslrootcert=/no/such/ca.pem", "sslrootcert /no/such/ca.pem is not a readable file"),
        ("postgres://u:p@h/db?connect_timeout=soon", "connect_timeout must be a whole number"),
        ("postgres://u:p@h/db?pool=9", "unknown parameter 'pool'"),
        ("postgres://u:p@h/a/b", "the path must be one database name"),
    ])
    func badURLsAreRefusedNamingThePart(url: String, reason: String) {
        #expect {
            try PostgresConnectionSettings(url: url)
        } throws: { error in
            guard case PostgresStoreError.invalidURL(_, let message) = error else { return false }
            return message.contains(reason)
        }
    }

    @Test func errorsAndRedactedURLsNeverShowThePassword() throws {
        let password = "hunter2-very-secret"
        do {
            _ = try PostgresConnectionSettings(url: "postgres://u:\(password)@h/db?sslmode=verify-full&sslrootcert=/no/ca.pem")
            Issue.record("a URL with an unreadable sslrootcert was accepted")
        } catch {
            #expect(!String(describing: error).contains(password))
            #expect(String(describing: error).contains("postgres://u:***@h/db"))
        }
        let settings = try PostgresConnectionSettings(url: "postgres://u:\(password)@h/db")
        #expect(settings.redactedURL == "postgres://u:***@h:5432/db")
        #expect(PostgresConnectionSettings.redact("postgres://u:\(password)@h:99999/db") == "postgres://u:***@h:99999/db")
    }
}
