import Foundation
import GRDB
import Testing
@testable import SignalStore

@Suite("Signal database")
struct SignalDatabaseTests {
    @Test("opens in WAL with synchronous=FULL, foreign keys and a busy timeout")
    func pragmas() throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let (journal, synchronous, foreignKeys, busy) = try test.database.pool.write { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
            )
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)
        #expect(foreignKeys == 1)
        #expect(busy == 5000)
    }

    @Test("synchronous is configurable")
    func synchronousNormal() throws {
        let test = try TestDatabase(options: SignalDatabase.Options(synchronous: .normal, environment: [:]))
        defer { test.directory.remove() }
        let level = try test.database.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 1)
    }

    @Test("every registered migration runs once, and reopening is a no-op")
    func migrations() throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let applied = try test.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(applied == SchemaMigration.all.map(\.identifier))
        #expect(applied.first == "v1_signals")
        let reopened = try SignalDatabase(path: test.database.path, options: SignalDatabase.Options(secret: test.database.secret, environment: [:]))
        let again = try reopened.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") }
        #expect(again == applied.count)
    }

    @Test("a path that cannot be opened is reported with the path")
    func unopenable() throws {
        let path = "/nonexistent-\(UUID().uuidString)/db.sqlite"
        let options = SignalDatabase.Options(secret: try StoreSecret(text: TestDatabase.secretText), environment: [:])
        do {
            _ = try SignalDatabase(path: path, options: options)
            Issue.record("opening \(path) succeeded")
        } catch let error as SignalStoreError {
            guard case .cannotOpenDatabase(let reported, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reported == path)
        }
    }

    @Test("the database refuses to open without a usable secret")
    func secretRequired() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: SignalStoreError.secretTooShort(source: "PHONERISK_SECRET", byteCount: 3)) {
            try SignalDatabase(path: directory.file("db.sqlite"), options: SignalDatabase.Options(environment: ["PHONERISK_SECRET": "abc"]))
        }
    }

    @Test("the health read answers while the pool is open and fails with the operation once it is closed")
    func healthRead() throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        try test.database.checkReadable()
        try test.database.checkReadable()
        try test.database.pool.close()
        let error = #expect(throws: SignalStoreError.self) { try test.database.checkReadable() }
        #expect(String(describing: error).contains("checking the database answers"))
    }
}
