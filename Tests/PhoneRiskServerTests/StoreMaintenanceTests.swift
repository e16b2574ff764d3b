import Foundation
import GRDB
import Logging
import SignalStore
import Testing

@testable import PhoneRiskServer

@Suite("Store maintenance")
struct StoreMaintenanceTests {
    @Test("a sweep prunes events past retention and expired cache entries, and keeps the rest")
    func sweepRemovesOnlyWhatIsStale() async throws {
        let directory = try TemporaryDirectory()
        let database = try SignalDatabase(
            path: directory.file("store.sqlite"), options: .init(environment: ["PHONERISK_SECRET": String(repeating: "s", count: 40)]))
        let events = try SQLiteBehaviorEventLog(database: database)
        let cache = try SQLiteSignalCacheStore(database: database)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let phone = PhoneNumberKey(hex: String(repeating: "ab", count: 32))

        func event(ageInDays: Double) -> BehaviorEvent {
            BehaviorEvent(
                kind: .verificationStarted, mode: .test, phone: phone, accountID: "acct", country: "GB",
                occurredAt: now.addingTimeInterval(-ageInDays * 86_400))
        }
        try await events.record(event(ageInDays: 40))
        try await events.record(event(ageInDays: 1))
        let stale = SignalCacheKey(phone: phone, kind: .simSwap, source: "twilio")
        let fresh = SignalCacheKey(phone: phone, kind: .lineType, source: "twilio")
        try await cache.store(SignalCacheEntry(key: stale, payload: [1], storedAt: now.addingTimeInterval(-90_000), expiresAt: now.addingTimeInterval(-3_600)))
        try await cache.store(SignalCacheEntry(key: fresh, payload: [2], storedAt: now, expiresAt: now.addingTimeInterval(3_600)))

        let maintenance = StoreMaintenance(
            events: events, cache: cache, interval: .seconds(600), logger: Logger(label: "test"), now: { now })
        await maintenance.sweep()

        let remaining = try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM behavior_events") }
        #expect(remaining == 1)
        #expect(try await cache.entry(for: stale) == nil)
        #expect(try await cache.entry(for: fresh)?.payload == [2])
    }
}
