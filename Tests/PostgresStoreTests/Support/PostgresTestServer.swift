import Foundation
import Logging
import NIOPosix
import PostgresNIO
@testable import PostgresStore
import Testing

/// The PostgreSQL server the tests run against: `PHONERISK_TEST_POSTGRES_URL`.
///
/// Without it the suites are disabled, except under `CI`, where they run and
/// fail with the way to start one, so CI can never skip them silently.
enum PostgresTestServer {
    static let environmentVariable = "PHONERISK_TEST_POSTGRES_URL"
    static let url = ProcessInfo.processInfo.environment[environmentVariable]
    static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// Whether the server suites run: a server is configured, or CI demands one.
    static let shouldRun = url != nil || isCI

    static let howToStart = """
        \(environmentVariable) is not set, so the PostgreSQL store cannot be tested. \
        Start PostgreSQL and set it with: eval "$(Scripts/postgres/start)"
        """

    /// A 40-byte test secret; every test database uses it.
    static let secret = "postgres-store-tests-secret-0123456789abcdef"

    static let logger = Logger(label: "phonerisk.postgres-tests")

    /// The configured URL, or an error saying how to start a server.
    static func requireURL() throws -> String {
        guard let url else { throw ServerMissing() }
        return url
    }

    /// A failed statement of the test harness itself, with the server's message (PSQLError hides it).
    struct AdminFailure: Error, CustomStringConvertible {
        var description: String
    }

    struct ServerMissing: Error, CustomStringConvertible {
        var description: String { PostgresTestServer.howToStart }
    }

    /// Runs `body` on a connection to the configured server's own database (to create and drop test databases).
    static func withAdminConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let settings = try PostgresConnectionSettings(url: try requireURL())
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: settings.configuration, id: 900, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw AdminFailure(description: PostgresErrorText.describe(error))
        }
    }

    /// The configured URL pointing at `database` instead.
    static func url(forDatabase database: String) throws -> String {
        var components = URLComponents(string: try requireURL())!
        components.path = "/" + database
        return components.string!
    }
}
