import Foundation
import PostgresNIO
@testable import PostgresStore
import SignalStore
import Testing

@Suite("PostgreSQL database", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresSignalDatabaseTests {
    @Test func migrationsRunOnceAndAreRecorded() async throws {
        try await PostgresTestDatabase.with { test in
            let second = try await test.openAnotherInstance()
            await second.close()
            let recorded = try await test.rows("SELECT identifier FROM phonerisk_migrations ORDER BY identifier")
                .map { try $0.decode(String.self) }
            #expect(recorded == PostgresMigration.all.map(\.identifier).sorted())
            let session = try await test.rows("SELECT 1")
            #expect(session.count == 1)
            let indexes = try await test.rows("SELECT indexname::text FROM pg_indexes WHERE tablename = 'behavior_events' ORDER BY 1")
                .map { try $0.decode(String.self) }
            #expect(indexes == [
                "behavior_events_by_account_phone", "behavior_events_by_country", "behavior_events_by_phone",
                "behavior_events_by_phone_account", "behavior_events_by_time", "behavior_events_pkey",
            ])
        }
    }

    @Test func instancesStartingTogetherMigrateOnce() async throws {
        let name = "phonerisk_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresTestDatabase.createDatabase(name)
        let url = try PostgresTestServer.url(forDatabase: name)
        let opened = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        let database = try await PostgresSignalDatabase(url: url, environment: PostgresTestDatabase.environment)
                        await database.close()
                        return true
                    } catch {
                        Issue.record("an instance failed to start: \(error)")
                        return false
                    }
                }
            }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(opened == 4)
        try await PostgresTestDatabase.dropDatabase(name)
    }

    @Test func aDatabaseMigratedByANewerVersionIsRefused() async throws {
        try await PostgresTestDatabase.with { test in
            _ = try await test.rows("INSERT INTO phonerisk_migrations VALUES ('v99_future', 0)")
            await #expect {
                try await test.openAnotherInstance()
            } throws: { error in
                String(describing: error).contains("v99_future is unknown")
            }
        }
    }

    @Test func healthCheckAnswersAndAClosedStoreSaysSo() async throws {
        try await PostgresTestDatabase.with { test in
            try await test.database.checkHealth()
            let another = try await test.openAnotherInstance()
            await another.close()
            await #expect(throws: PostgresStoreError.closed) { try await another.checkHealth() }
        }
    }

    @Test func aMissingSecretIsNamed() async throws {
        let url = try PostgresTestServer.requireURL()
        await #expect(throws: PostgresStoreError.missingSecret) {
            try await PostgresSignalDatabase(url: url, environment: [:])
        }
        await #expect {
            try await PostgresSignalDatabase(url: url, environment: ["PHONERISK_SECRET": "short"])
        } throws: { error in
            error as? SignalStoreError == .secretTooShort(source: "PHONERISK_SECRET", byteCount: 5)
        }
    }

    @Test func aWrongPasswordIsNamedWithoutShowingIt() async throws {
        var components = URLComponents(string: try PostgresTestServer.requireURL())!
        components.password = "not-the-password-4711"
        await #expect {
            try await PostgresSignalDatabase(url: components.string!, environment: PostgresTestDatabase.environment)
        } throws: { error in
            guard case PostgresStoreError.authenticationFailed = error else { return false }
            let text = String(describing: error)
            return text.contains("refused the user name or password") && !text.contains("not-the-password-4711")
        }
    }

    @Test func aServerThatDoesNotAnswerIsNamed() async throws {
        var components = URLComponents(string: try PostgresTestServer.requireURL())!
        components.host = "127.0.0.1"
        components.port = 1
        await #expect {
            try await PostgresSignalDatabase(url: components.string!, environment: PostgresTestDatabase.environment)
        } throws: { error in
            guard case PostgresStoreError.unreachable = error else { return false }
            return String(describing: error).contains("cannot reach PostgreSQL at postgres://")
        }
    }

    @Test func aMissingDatabaseIsNamed() async throws {
        let url = try PostgresTestServer.url(forDatabase: "phonerisk_no_such_database")
        await #expect {
            try await PostgresSignalDatabase(url: url, environment: PostgresTestDatabase.environment)
        } throws: { error in
            guard case PostgresStoreError.databaseMissing(_, let database) = error else { return false }
            return database == "phonerisk_no_such_database"
        }
    }
}

@Suite("PostgreSQL connections", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresConnectionRecoveryTests {
    @Test func connectionsCutByTheServerAreOpenedAgainAndNothingCommittedIsLost() async throws {
        try await PostgresTestDatabase.with { test in
            let store = test.database.verifications
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            _ = try await store.write("account") { tx in
                try tx.insertAccount(AccountRecord(id: "acct", mode: .test, phoneNumber: nil, phoneVerified: false,
                                                   profile: AccountProfileData(), createdAt: start))
            }
            try await test.database.checkHealth()
            let cut = try await test.rows("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                """)
            #expect(cut.count >= 2)
            // An operation may fail on the connection that was cut; the one after it reconnects.
            var healthy = false
            for _ in 0..<3 where !healthy {
                healthy = (try? await test.database.checkHealth()) != nil
            }
            #expect(healthy)
            var written = false
            for _ in 0..<3 where !written {
                written = (try? await store.write("profile") { tx in
                    try tx.updateAccountProfile(id: "acct", profile: AccountProfileData(firstName: "Ada"))
                }) != nil
            }
            #expect(written)
            let account = try await store.read("read") { tx in try tx.account(id: "acct", mode: .test) }
            #expect(account?.profile.firstName == "Ada")
        }
    }

    @Test func aStatementPastTheTimeoutIsCancelledAndRollsBackItsBatchOnly() async throws {
        var options = PostgresSignalDatabase.Options()
        options.statementTimeout = .seconds(1)
        try await PostgresTestDatabase.with(options: options) { test in
            let store = test.database.verifications
            let account = AccountRecord(id: "acct", mode: .test, phoneNumber: nil, phoneVerified: false,
                                        profile: AccountProfileData(), createdAt: Date(timeIntervalSince1970: 1_800_000_000))
            await #expect {
                try await store.write("slow") { tx in
                    try tx.insertAccount(account)
                    try (tx as! PostgresVerificationTransaction).session.query("SELECT pg_sleep(5)")
                }
            } throws: { error in
                guard case SignalStoreError.databaseFailure(let operation, let reason) = error else { return false }
                return operation == "slow" && reason.contains("statement timeout (SQLSTATE 57014)")
            }
            #expect(try await store.read("gone") { tx in try tx.account(id: "acct", mode: .test) } == nil)
            _ = try await store.write("again") { tx in try tx.insertAccount(account) }
            #expect(try await store.read("back") { tx in try tx.account(id: "acct", mode: .test) }?.id == "acct")
        }
    }
}
