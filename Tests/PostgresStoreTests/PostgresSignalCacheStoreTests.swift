import Foundation
@testable import PostgresStore
import SignalStore
import Testing

@Suite("PostgreSQL signal cache", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresSignalCacheStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func entry(_ test: PostgresTestDatabase, _ number: String, payload: [UInt8]?, storedAgo: TimeInterval = 0,
               ttl: TimeInterval = 600) -> SignalCacheEntry {
        let storedAt = start.addingTimeInterval(-storedAgo)
        return SignalCacheEntry(
            key: SignalCacheKey(phone: test.phoneKey(number), kind: .lineType, source: "twilio"), payload: payload,
            storedAt: storedAt, expiresAt: storedAt.addingTimeInterval(ttl))
    }

    @Test func aStoredEntryIsFoundAndReplacedAndAMissIsNil() async throws {
        try await PostgresTestDatabase.with { test in
            let cache = test.database.cache
            let first = entry(test, "+447700900123", payload: [1, 2, 3])
            #expect(try await cache.entry(for: first.key) == nil)
            try await cache.store(first)
            #expect(try await cache.entry(for: first.key) == first)
            let failure = entry(test, "+447700900123", payload: nil)
            try await cache.store(failure)
            #expect(try await cache.entry(for: first.key)?.isFailure == true)
            let otherSource = SignalCacheKey(phone: first.key.phone, kind: .lineType, source: "sandbox")
            #expect(try await cache.entry(for: otherSource) == nil)
        }
    }

    @Test func expiredEntriesAreRemovedAndCounted() async throws {
        try await PostgresTestDatabase.with { test in
            let cache = test.database.cache
            try await cache.store(entry(test, "+447700900001", payload: [1], storedAgo: 700))
            try await cache.store(entry(test, "+447700900002", payload: [2], storedAgo: 600))
            try await cache.store(entry(test, "+447700900003", payload: [3], storedAgo: 10))
            #expect(try await cache.removeExpired(now: start) == 2)
            #expect(try await cache.entry(for: entry(test, "+447700900003", payload: nil).key) != nil)
            let store = try #require(cache as? PostgresSignalCacheStore)
            #expect(try await store.count() == 1)
        }
    }

    @Test func writesBeyondTheBoundEvictTheOldest() async throws {
        var options = PostgresSignalDatabase.Options()
        options.signalCacheMaximumEntries = 3
        try await PostgresTestDatabase.with(options: options) { test in
            let cache = test.database.cache
            for index in 0..<5 {
                try await cache.store(entry(test, "+44770090000\(index)", payload: [UInt8(index)], storedAgo: TimeInterval(100 - index)))
            }
            let store = try #require(cache as? PostgresSignalCacheStore)
            #expect(try await store.count() == 3)
            #expect(try await cache.entry(for: entry(test, "+447700900000", payload: nil).key) == nil)
            #expect(try await cache.entry(for: entry(test, "+447700900001", payload: nil).key) == nil)
            #expect(try await cache.entry(for: entry(test, "+447700900004", payload: nil).key)?.payload == [4])
        }
    }

    @Test func theSignalCacheRunsALookupOnceAndAnswersTheNextFromTheStore() async throws {
        try await PostgresTestDatabase.with { test in
            let codec = SignalCacheCodec<Int>(
                encode: { Array(String($0).utf8) },
                decode: { Int(String(decoding: $0, as: UTF8.self)) ?? -1 })
            let key = SignalCacheKey(phone: test.phoneKey("+447700900123"), kind: .simSwap, source: "twilio")
            let lookups = LookupCounter()
            let first = SignalCache(store: test.database.cache, codec: codec, inProcessCapacity: 0)
            #expect(await first.value(for: key) { await lookups.next() } == 1)
            // Another instance on the same database finds the stored answer.
            let second = SignalCache(store: test.database.cache, codec: codec, inProcessCapacity: 0)
            #expect(await second.value(for: key) { await lookups.next() } == 1)
            #expect(await lookups.count == 1)
        }
    }
}

actor LookupCounter {
    private(set) var count = 0

    func next() -> Int {
        count += 1
        return count
    }
}
