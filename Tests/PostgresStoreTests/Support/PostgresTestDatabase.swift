import Foundation
import Logging
import NIOPosix
import PostgresNIO
@testable import PostgresStore
import SignalStore

/// A database of its own for one test: created empty, opened as a
/// ``PostgresSignalDatabase`` (so migrated), and dropped afterwards.
///
/// ```swift
/// try await PostgresTestDatabase.with { test in
///     try await test.database.events.record(event)
/// }
/// ```
struct PostgresTestDatabase: Sendable {
    let name: String
    let url: String
    let database: PostgresSignalDatabase
    /// The other instances a test opened: closed after the test whatever happened, because a
    /// connection dropped unclosed traps in PostgresNIO's debug builds and takes the test process with it.
    private let others = OpenedInstances()

    static var environment: [String: String] {
        [StoreSecret.environmentVariable: PostgresTestServer.secret]
    }

    /// Creates a database, opens it, runs `body`, then closes and drops it whatever happened.
    static func with<T>(options: PostgresSignalDatabase.Options = .init(), _ body: (PostgresTestDatabase) async throws -> T) async throws -> T {
        let name = "phonerisk_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await createDatabase(name)
        let url = try PostgresTestServer.url(forDatabase: name)
        let outcome: Result<T, any Error>
        do {
            let database = try await PostgresSignalDatabase(
                url: url, environment: environment, logger: PostgresTestServer.logger, options: options)
            let test = PostgresTestDatabase(name: name, url: url, database: database)
            do {
                outcome = .success(try await body(test))
            } catch {
                outcome = .failure(error)
            }
            for other in test.others.all { await other.close() }
            await database.close()
        } catch {
            outcome = .failure(error)
        }
        try await dropDatabase(name)
        return try outcome.get()
    }

    /// Creates an empty database (for tests that open it themselves).
    static func createDatabase(_ name: String) async throws {
        _ = try await PostgresTestServer.withAdminConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: PostgresTestServer.logger)
        }
    }

    /// Drops a database made by ``createDatabase(_:)``, ending any session still on it.
    static func dropDatabase(_ name: String) async throws {
        _ = try await PostgresTestServer.withAdminConnection { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: PostgresTestServer.logger)
        }
    }

    /// Opens another instance on the same database, as a second server would.
    func openAnotherInstance() async throws -> PostgresSignalDatabase {
        let other = try await PostgresSignalDatabase(url: url, environment: Self.environment, logger: PostgresTestServer.logger)
        others.append(other)
        return other
    }

    /// Runs a raw statement on a connection of its own and answers its rows, for inspecting what is stored.
    func rows(_ sql: String) async throws -> [PostgresRow] {
        let settings = try PostgresConnectionSettings(url: url)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: settings.configuration, id: 901,
            logger: PostgresTestServer.logger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: PostgresTestServer.logger).collect()
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw PostgresTestServer.AdminFailure(description: PostgresErrorText.describe(error))
        }
    }

    /// Every value of every row of every table of the store as text (BYTEA as hex), for scans.
    func everyStoredValue() async throws -> String {
        let tables = try await rows("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1
            """).map { try $0.decode(String.self) }
        var text = ""
        for table in tables {
            for row in try await rows("SELECT t::text FROM \(table) t") {
                text += try row.decode(String.self) + "\n"
            }
        }
        return text
    }
}

extension PostgresTestDatabase {
    /// The store's keyed hash of `e164`.
    func phoneKey(_ e164: String) -> PhoneNumberKey {
        database.verifications.phoneNumberHasher.phoneNumberKey(e164)
    }
}

/// The instances a test opened beside its own, kept to be closed after it (closing twice is harmless).
private final class OpenedInstances: @unchecked Sendable {
    private let lock = NSLock()
    private var instances: [PostgresSignalDatabase] = []

    func append(_ instance: PostgresSignalDatabase) {
        lock.withLock { instances.append(instance) }
    }

    var all: [PostgresSignalDatabase] { lock.withLock { instances } }
}
