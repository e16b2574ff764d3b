import Foundation
import Testing
@testable import SignalStore

@Suite("SQLite signal cache store")
struct SQLiteSignalCacheStoreTests {
    @Test("point reads give back exactly what was stored: bytes, empty payloads, failures, times; other keys miss")
    func roundTrip() async throws {
        let test = try TestDatabase()
        defer { test.directory.remove() }
        let store = try SQLiteSignalCacheStore(database: test.database)
        let storedAt = Date(millisecondsSince1970: 1_790_000_000_123)
        let expiresAt = Date(millisecondsSince1970: 1_790_086_400_456)
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let cases: [(SignalKind, [UInt8]?)] = [(.lineType, bytes), (.simSwap, []), (.callForwarding, nil)]
        for (kind, payload) in cases {
            let key = SignalCacheKey(phone: test.phoneKey("+447700900123"), kind: kind, source: "twilio")
            try await store.store(SignalCacheEntry(key: key, payload: payload, storedAt: storedAt, expiresAt: expiresAt))
        }
        for (kind, payload) in cases {
            let key = SignalCacheKey(phone: test.phoneKey("+447700900123"), kind: kind, source: "twilio")
            let entry = try #require(try store.entryNow(for: key))
            #expect(entry == SignalCacheEntry(key: key, payload: payload, storedAt: storedAt, expiresAt: expiresAt))
        }
        let otherSource = SignalCacheKey(phone: test.phoneKey("+447700900123"), kind: .lineType, source: "sandbox")
        let otherNumber = SignalCacheKey(phone: test.phoneKey("+447700900124"), kind: .lineType, source: "twilio")
        #expect(try store.entryNow(for: otherSource) == nil)
        #expect(try store.entryNow(for: otherNumber) == nil)
        // A read after a miss and after a hit sees a later write (no transaction is left open).
        try await store.store(SignalCacheEntry(key: otherSource, payload: [1], storedAt: storedAt, expiresAt: expiresAt))
        #expect(try store.entryNow(for: otherSource)?.payload == [1])
    }
}
