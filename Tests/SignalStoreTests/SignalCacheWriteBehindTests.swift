import Foundation
import GRDB
import Testing
@testable import SignalStore

/// The SQLite cache store writes behind: entries wait for the database's next group commit.
@Suite("Signal cache writes behind, in the group commit")
struct SignalCacheWriteBehindTests {
    struct Fixture {
        let test: TestDatabase
        let store: SQLiteSignalCacheStore
        let commits = CommitCounter()
        let now = Date(millisecondsSince1970: 1_790_000_000_000)

        init(flushDelay: Duration = .seconds(10), maximumEntries: Int = 1_000) throws {
            test = try TestDatabase()
            store = try SQLiteSignalCacheStore(database: test.database, maximumEntries: maximumEntries, flushDelay: flushDelay)
            test.database.pool.add(transactionObserver: commits, extent: .observerLifetime)
        }

        func entry(_ index: Int, kind: SignalKind = .lineType, expiresIn seconds: TimeInterval = 3_600) -> SignalCacheEntry {
            let key = SignalCacheKey(phone: test.phoneKey("+4477009\(100_000 + index)"), kind: kind, source: "twilio")
            return SignalCacheEntry(key: key, payload: [UInt8(truncatingIfNeeded: index)],
                                    storedAt: now.addingTimeInterval(TimeInterval(index)), expiresAt: now.addingTimeInterval(seconds))
        }

        /// Rows in the file, read through a connection of the pool (not the store's pending entries).
        func rows() async throws -> Int {
            try await test.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM signal_cache") ?? 0 }
        }
    }

    @Test("a stored entry is read back at once, before any commit; flush commits every waiting entry in one transaction")
    func readsOwnWritesThenFlushesOnce() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let entries = (0..<20).map { fixture.entry($0) }
        await withThrowingTaskGroup(of: Void.self) { group in
            for entry in entries {
                group.addTask { try await fixture.store.store(entry) }
            }
        }
        for entry in entries {
            #expect(try fixture.store.entryNow(for: entry.key) == entry)
        }
        #expect(try await fixture.rows() == 0)
        #expect(fixture.commits.count == 0)
        try await fixture.store.flush()
        #expect(fixture.commits.count == 1)
        #expect(try await fixture.rows() == 20)
        #expect(try fixture.store.count() == 20)
        let reopened = try SQLiteSignalCacheStore(database: fixture.test.database)
        for entry in entries {
            #expect(try reopened.entryNow(for: entry.key) == entry)
        }
        try await fixture.store.flush()
        #expect(fixture.commits.count == 1, "a flush with nothing waiting commits nothing")
    }

    @Test("waiting cache entries ride in the next verification transaction: no commit of their own")
    func ridesInVerificationCommit() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let verifications = SQLiteVerificationStore(database: fixture.test.database)
        for kind in [SignalKind.lineType, .simSwap, .callForwarding, .trustScore] {
            try await fixture.store.store(fixture.entry(1, kind: kind))
        }
        let createdAt = fixture.now
        try await verifications.write("account") { tx in
            let sqlite = try #require(tx as? SQLiteVerificationTransaction)
            try sqlite.insertAccount(AccountRecord(id: "acct_1", mode: .test, phoneNumber: nil, phoneVerified: false,
                                                   profile: AccountProfileData(), createdAt: createdAt))
        }
        #expect(fixture.commits.count == 1)
        #expect(try await fixture.rows() == 4)
        try await fixture.store.flush()
        #expect(fixture.commits.count == 1)
    }

    @Test("with no other write, waiting entries get a transaction of their own once the delay passed")
    func flushesAloneAfterDelay() async throws {
        let fixture = try Fixture(flushDelay: .zero)
        defer { fixture.test.directory.remove() }
        let writer = fixture.test.database.groupCommit
        try await fixture.store.store(fixture.entry(1))
        // A deferred marker queued after the store's flush runs in the same or a later transaction.
        let outcome: Result<Void, any Error> = await withCheckedContinuation { continuation in
            writer.enqueueDeferred(within: .zero, { _ in }) { continuation.resume(returning: $0) }
        }
        try outcome.get()
        #expect(try await fixture.rows() == 1)
        #expect(fixture.commits.count >= 1)
    }

    @Test("removeExpired deletes expired entries not yet committed too, and keeps live ones")
    func removeExpiredIncludesWaiting() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let expired = fixture.entry(1, expiresIn: -60)
        let live = fixture.entry(2, expiresIn: 3_600)
        try await fixture.store.store(expired)
        try await fixture.store.store(live)
        #expect(try await fixture.store.removeExpired(now: fixture.now) == 1)
        #expect(try fixture.store.entryNow(for: expired.key) == nil)
        #expect(try fixture.store.entryNow(for: live.key) == live)
        #expect(try await fixture.rows() == 1)
    }

    @Test("the bound holds over a batch: the oldest entries beyond it are evicted in the same transaction")
    func boundOverBatch() async throws {
        let fixture = try Fixture(maximumEntries: 3)
        defer { fixture.test.directory.remove() }
        for index in 0..<5 {
            try await fixture.store.store(fixture.entry(index))
        }
        try await fixture.store.flush()
        #expect(try await fixture.rows() == 3)
        #expect(try fixture.store.entryNow(for: fixture.entry(0).key) == nil)
        #expect(try fixture.store.entryNow(for: fixture.entry(1).key) == nil)
        #expect(try fixture.store.entryNow(for: fixture.entry(4).key) == fixture.entry(4))
    }

    @Test("a failed flush is reported to its caller and once to the next store; its entries are dropped, not half-written")
    func failedFlushIsReported() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        try await fixture.store.store(fixture.entry(1))
        try fixture.test.database.pool.close()
        await #expect(throws: SignalStoreError.self) { try await fixture.store.flush() }
        #expect(try fixture.store.entryNow(for: fixture.entry(1).key) == nil)
        let error = await #expect(throws: SignalStoreError.self) { try await fixture.store.store(fixture.entry(2)) }
        #expect(String(describing: error).contains("writing the signal cache"))
        try await fixture.store.store(fixture.entry(3))
    }

    @Test("a flush delay outside 0 … 10 seconds is refused with the setting's name")
    func flushDelayRange() throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        for delay in [Duration.milliseconds(-1), .seconds(11)] {
            let error = #expect(throws: SignalStoreError.self) { try SQLiteSignalCacheStore(database: test.database, flushDelay: delay) }
            #expect(String(describing: error).contains("signal cache flush delay"))
        }
    }
}
