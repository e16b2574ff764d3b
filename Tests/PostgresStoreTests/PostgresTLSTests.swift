import Foundation
import NIOPosix
import PostgresNIO
@testable import PostgresStore
import Testing

/// `sslmode` against the test server, which `Scripts/postgres/start` runs with
/// TLS on and a self-signed certificate for localhost and 127.0.0.1
/// (`PHONERISK_TEST_POSTGRES_CA`). A server of one's own without that
/// certificate skips this suite; under CI it must run.
@Suite(
    "PostgreSQL over TLS",
    .enabled(if: PostgresTestServer.isCI
        || (PostgresTestServer.url != nil && ProcessInfo.processInfo.environment["PHONERISK_TEST_POSTGRES_CA"] != nil)))
struct PostgresTLSTests {
    /// The test server's URL with `sslmode` (and `sslrootcert`) replaced.
    private func url(host: String = "127.0.0.1", _ parameters: [String: String]) throws -> String {
        var components = try #require(URLComponents(string: try PostgresTestServer.requireURL()))
        components.host = host
        components.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return try #require(components.string)
    }

    private var authority: String {
        get throws {
            try #require(
                ProcessInfo.processInfo.environment["PHONERISK_TEST_POSTGRES_CA"],
                #"PHONERISK_TEST_POSTGRES_CA is not set: eval "$(Scripts/postgres/start)""#)
        }
    }

    /// Whether a connection made from `url`'s settings is encrypted, as the server sees it.
    private func encrypted(_ url: String) async throws -> Bool {
        let settings = try PostgresConnectionSettings(url: url)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: settings.configuration, id: 902,
            logger: PostgresTestServer.logger)
        do {
            let rows = try await connection.query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: PostgresTestServer.logger).collect()
            try await connection.close()
            return try #require(rows.first).decode(Bool.self)
        } catch {
            try? await connection.close()
            throw error
        }
    }

    @Test func eachModeEncryptsOrNotAsLibpqDoes() async throws {
        #expect(try await encrypted(try url(["sslmode": "disable"])) == false)
        #expect(try await encrypted(try url(["sslmode": "prefer"])))
        #expect(try await encrypted(try url([:])))
        #expect(try await encrypted(try url(["sslmode": "require"])))
        #expect(try await encrypted(try url(["sslmode": "verify-ca", "sslrootcert": try authority])))
        #expect(try await encrypted(try url(["sslmode": "verify-full", "sslrootcert": try authority])))
        #expect(try await encrypted(try url(host: "localhost", ["sslmode": "verify-full", "sslrootcert": try authority])))
    }

    @Test func theStoreRunsOverVerifiedTLS() async throws {
        let database = try await PostgresSignalDatabase(
            url: try url(["sslmode": "verify-full", "sslrootcert": try authority]),
            environment: PostgresTestDatabase.environment, logger: PostgresTestServer.logger)
        try await database.checkHealth()
        await database.close()
    }

    @Test func aCertificateNotSignedByTheRootsIsRefused() async throws {
        // The test certificate is self-signed: the system roots do not vouch for it.
        await #expect {
            try await PostgresSignalDatabase(
                url: try url(["sslmode": "verify-full"]), environment: PostgresTestDatabase.environment,
                logger: PostgresTestServer.logger)
        } throws: { error in
            guard case PostgresStoreError.tlsFailed = error else { return false }
            return String(describing: error).contains("CERTIFICATE_VERIFY_FAILED")
        }
    }
}
