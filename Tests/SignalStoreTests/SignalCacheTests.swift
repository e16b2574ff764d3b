import Foundation
import GRDB
import Testing
@testable import SignalStore

@Suite("Signal cache")
struct SignalCacheTests {
    static let codec = SignalCacheCodec<String>(
        encode: { Array($0.utf8) },
        decode: { String(decoding: $0, as: UTF8.self) }
    )

    struct Fixture {
        let test: TestDatabase
        let store: SQLiteSignalCacheStore
        let clock = TestClock()
        let metrics = RecordingMetrics()

        init(maximumEntries: Int = 1_000) throws {
            test = try TestDatabase()
            store = try SQLiteSignalCacheStore(database: test.database, maximumEntries: maximumEntries)
        }

        func cache(inProcess: Int = 100, timeout: Duration = .seconds(5)) -> SignalCache<String> {
            SignalCache(store: store, codec: SignalCacheTests.codec, inProcessCapacity: inProcess,
                        lookupTimeout: timeout, metricsFactory: metrics, now: clock.reader)
        }

        func key(_ e164: String = "+447700900123", kind: SignalKind = .lineType, source: String = "twilio") -> SignalCacheKey {
            SignalCacheKey(phone: test.phoneKey(e164), kind: kind, source: source)
        }

        func count(_ kind: SignalKind, _ result: SignalCacheResult) -> Int64 {
            metrics.total("phonerisk_signal_cache_requests_total", [("kind", kind.name), ("result", result.rawValue)])
        }
    }

    @Test("a value is looked up once, then served from memory, then from SQLite by a new process")
    func tiers() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let lookup = CountingLookup(.answer("Vodafone UK"))
        let cache = fixture.cache()
        #expect(await cache.value(for: fixture.key()) { try await lookup() } == "Vodafone UK")
        #expect(await cache.value(for: fixture.key()) { try await lookup() } == "Vodafone UK")
        let restarted = fixture.cache()
        #expect(await restarted.value(for: fixture.key()) { try await lookup() } == "Vodafone UK")
        #expect(lookup.callCount == 1)
        #expect(fixture.count(.lineType, .miss) == 1)
        #expect(fixture.count(.lineType, .memoryHit) == 1)
        #expect(fixture.count(.lineType, .storeHit) == 1)
    }

    @Test("the source keeps sandbox fixtures and live answers apart")
    func sourcesAreSeparate() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let cache = fixture.cache()
        _ = await cache.value(for: fixture.key(source: "sandbox")) { "fixture" }
        #expect(await cache.value(for: fixture.key(source: "twilio")) { "live" } == "live")
        #expect(await cache.value(for: fixture.key(source: "sandbox")) { "other" } == "fixture")
    }

    @Test("concurrent callers of one missing key share a single lookup")
    func singleFlight() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let lookup = CountingLookup(.slowAnswer("shared", .milliseconds(200)))
        let cache = fixture.cache()
        let key = fixture.key()
        let answers = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<50 {
                group.addTask { await cache.value(for: key) { try await lookup() } }
            }
            var all: [String?] = []
            for await answer in group { all.append(answer) }
            return all
        }
        #expect(answers.count == 50)
        #expect(answers.allSatisfy { $0 == "shared" })
        #expect(lookup.callCount == 1)
        #expect(fixture.count(.lineType, .miss) == 50)
    }

    @Test("a lookup that times out leaves the value missing and is remembered for 5 minutes")
    func timeoutIsCachedAsFailure() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let lookup = CountingLookup(.hang)
        let cache = fixture.cache(timeout: .milliseconds(50))
        #expect(await cache.value(for: fixture.key()) { try await lookup() } == nil)
        #expect(fixture.count(.lineType, .lookupFailed) == 1)
        lookup.set(.answer("recovered"))
        #expect(await cache.value(for: fixture.key()) { try await lookup() } == nil)
        #expect(await fixture.cache().value(for: fixture.key()) { try await lookup() } == nil)
        #expect(lookup.callCount == 1)
        #expect(fixture.count(.lineType, .cachedFailure) == 2)
        fixture.clock.advance(by: 299)
        #expect(await cache.value(for: fixture.key()) { try await lookup() } == nil)
        fixture.clock.advance(by: 1)
        #expect(await cache.value(for: fixture.key()) { try await lookup() } == "recovered")
        #expect(lookup.callCount == 2)
    }

    @Test("a garbled answer is a failure; a garbled stored entry is a miss")
    func garbage() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let strict = SignalCacheCodec<Int>(
            encode: { Array(String($0).utf8) },
            decode: { bytes in
                guard let value = Int(String(decoding: bytes, as: UTF8.self)) else { throw CountingLookup.Failure() }
                return value
            }
        )
        let cache = SignalCache(store: fixture.store, codec: strict, metricsFactory: fixture.metrics, now: fixture.clock.reader)
        let key = fixture.key("+15551230000", kind: .trustScore)
        struct Garbled: Error {}
        #expect(await cache.value(for: key) { throw Garbled() } == nil)
        fixture.clock.advance(by: 301)
        #expect(await cache.value(for: key) { 640 } == 640)
        try await fixture.store.store(SignalCacheEntry(key: key, payload: Array("not a number".utf8),
                                                       storedAt: fixture.clock.now, expiresAt: fixture.clock.now.addingTimeInterval(60)))
        let fresh = SignalCache(store: fixture.store, codec: strict, metricsFactory: fixture.metrics, now: fixture.clock.reader)
        #expect(await fresh.value(for: key) { 700 } == 700)
    }

    @Test("each kind expires after its own time to live")
    func perKindTTL() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let cache = fixture.cache()
        let line = CountingLookup(.answer("mobile"))
        let swap = CountingLookup(.answer("recent"))
        _ = await cache.value(for: fixture.key(kind: .lineType)) { try await line() }
        _ = await cache.value(for: fixture.key(kind: .simSwap)) { try await swap() }
        fixture.clock.advance(by: 86_400 - 1)
        _ = await cache.value(for: fixture.key(kind: .simSwap)) { try await swap() }
        #expect(swap.callCount == 1)
        fixture.clock.advance(by: 1)
        _ = await cache.value(for: fixture.key(kind: .simSwap)) { try await swap() }
        _ = await cache.value(for: fixture.key(kind: .lineType)) { try await line() }
        #expect(swap.callCount == 2)
        #expect(line.callCount == 1)
        fixture.clock.advance(by: 29 * 86_400)
        _ = await fixture.cache().value(for: fixture.key(kind: .lineType)) { try await line() }
        #expect(line.callCount == 2)
        #expect(try await fixture.store.removeExpired(now: fixture.clock.now) == 1)
    }

    @Test("the SQLite tier keeps at most its bound, evicting the oldest entries")
    func storeEviction() async throws {
        let fixture = try Fixture(maximumEntries: 3)
        defer { fixture.test.directory.remove() }
        let cache = fixture.cache(inProcess: 0)
        for index in 0..<5 {
            _ = await cache.value(for: fixture.key("+4477009000\(index)0")) { "value \(index)" }
            fixture.clock.advance(by: 1)
        }
        try await fixture.store.flush()
        #expect(try fixture.store.count() == 3)
        let rows = try await fixture.test.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM signal_cache") }
        #expect(rows == 3)
        #expect(try await fixture.store.entry(for: fixture.key("+447700900000")) == nil)
        #expect(try await fixture.store.entry(for: fixture.key("+447700900010")) == nil)
        #expect(try await fixture.store.entry(for: fixture.key("+447700900040"))?.payload == Array("value 4".utf8))
    }

    @Test("the in-process tier keeps at most its capacity, evicting the oldest insert")
    func memoryEviction() {
        let tier = InProcessTier<Int>(capacity: 2)
        let now = Date()
        let later = now.addingTimeInterval(60)
        let keys = (0..<3).map { SignalCacheKey(phone: PhoneNumberKey(hex: "\($0)"), kind: .lineType, source: "s") }
        tier.insert(.value(0), for: keys[0], expiresAt: later)
        tier.insert(.value(1), for: keys[1], expiresAt: later)
        tier.insert(.value(0), for: keys[0], expiresAt: later)
        tier.insert(.value(2), for: keys[2], expiresAt: later)
        #expect(tier.count == 2)
        #expect(tier.answer(for: keys[1], now: now) == nil)
        if case .value(let value)? = tier.answer(for: keys[0], now: now) { #expect(value == 0) } else { Issue.record("key 0 evicted") }
        #expect(tier.answer(for: keys[0], now: later) == nil)
    }

    @Test("neither the database file nor its WAL ever holds the number in clear")
    func noNumberInClear() async throws {
        let fixture = try Fixture()
        defer { fixture.test.directory.remove() }
        let cache = fixture.cache()
        let numbers = ["+447700900123", "+15417543010", "+33612345678"]
        for number in numbers {
            _ = await cache.value(for: fixture.key(number)) { "carrier for a number" }
            _ = await cache.value(for: fixture.key(number, kind: .simSwap)) { throw CountingLookup.Failure() }
        }
        let log = try SQLiteBehaviorEventLog(database: fixture.test.database)
        try await log.record(BehaviorEvent(kind: .verificationStarted, mode: .live, phone: fixture.test.phoneKey(numbers[0]),
                                           accountID: "acct", country: "GB", occurredAt: fixture.clock.now))
        try await fixture.store.flush()
        var bytes: [UInt8] = []
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: fixture.test.database.path + suffix) {
                bytes += data
            }
        }
        #expect(bytes.count > 4096)
        for number in numbers {
            let national = String(number.dropFirst(3))
            for needle in [number, String(number.dropFirst()), national] {
                #expect(!bytes.contains(subsequence: Array(needle.utf8)), "\(needle) found in the database files")
            }
        }
        #expect(bytes.contains(subsequence: Array(fixture.test.phoneKey(numbers[0]).hex.utf8)))
    }
}

extension [UInt8] {
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return indices.dropLast(needle.count - 1).contains { start in
            self[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
