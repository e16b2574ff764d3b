import Benchmark
import Foundation
import GRDB
import MobileSignals
import PhoneNumbers
import SeededRandom
import SignalStore

/// A throwaway database for the run: WAL, synchronous=FULL (the default),
/// an explicit secret so no secret file is made.
func openBenchmarkDatabase() throws -> SignalDatabase {
    let directory = NSTemporaryDirectory() + "phonerisk-bench-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let secret = try StoreSecret(text: "benchmark-secret-0123456789abcdef0123456789")
    return try SignalDatabase(path: directory + "/bench.sqlite", options: SignalDatabase.Options(secret: secret, environment: [:]))
}

/// Distinct random-looking GB mobile numbers, `count` of them, reproducible.
func benchmarkNumbers(_ count: Int) -> [String] {
    var generator = SplitMix64(seed: 26)
    var seen: Set<String> = []
    var numbers: [String] = []
    while numbers.count < count {
        let number = "+447" + String(format: "%09llu", generator.next() % 1_000_000_000)
        if seen.insert(number).inserted { numbers.append(number) }
    }
    return numbers
}

/// Carrier answers for every package, as a sandbox would give them. Its
/// source differs from the 100,000 raw cache rows' ("bench"), whose random
/// payloads are no JSON.
struct BenchmarkCarrier: CarrierLookup {
    static let (mcc, mnc) = ("234", "15")
    /// The network key its answers give, which the benchmark's events are counted under.
    static let network = mcc + "-" + mnc
    let source = "bench-carrier"
    let supportedFields = Set(CarrierField.allCases)

    func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts {
        switch field {
        case .lineType: CarrierFacts(carrierName: "Bench Mobile", lineType: .mobile, mobileCountryCode: Self.mcc, mobileNetworkCode: Self.mnc)
        case .simSwap: CarrierFacts(simSwappedAt: Date(timeIntervalSince1970: 1_700_000_000))
        case .callForwarding: CarrierFacts(callForwarding: false)
        case .smsPumpingRisk: CarrierFacts(smsPumpingScore: 3, numberBlocked: false)
        case .lineStatus: CarrierFacts(lineStatus: "active")
        }
    }
}

/// A trust provider with a fixed score.
struct BenchmarkTrust: TrustScoreSource {
    let source = "bench-trust"

    func trustScore(for number: PhoneNumber) async throws -> Int? { 700 }
}

let payloadCodec = SignalCacheCodec<[UInt8]>(encode: { $0 }, decode: { $0 })

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(3)
    )
    let database = try! openBenchmarkDatabase()
    let hasher = database.phoneNumberHasher
    let store = try! SQLiteSignalCacheStore(database: database)
    let events = try! SQLiteBehaviorEventLog(database: database)

    // 100,000 cache rows with 200-byte payloads, like the C baseline's table.
    let cachedNumbers = benchmarkNumbers(100_000)
    let cacheKeys = cachedNumbers.map { SignalCacheKey(phone: hasher.phoneNumberKey($0), kind: .lineType, source: "bench") }
    try! database.pool.write { db in
        var generator = SplitMix64(seed: 1)
        let statement = try db.makeStatement(sql: """
            INSERT INTO signal_cache (number_hash, kind, source, payload, stored_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for key in cacheKeys {
            let payload = Data((0..<200).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            try statement.execute(arguments: [key.phone.hex, key.kind.name, key.source, payload, 0, Int64.max / 2])
        }
    }
    try! database.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }

    // 100,000 behaviour events over 30 days: 10,000 numbers, 5,000 accounts, 20 countries.
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let eventNumbers = Array(cachedNumbers.prefix(10_000))
    let countries = ["GB", "FR", "DE", "US", "NG", "ID", "PK", "BD", "PH", "VN", "KZ", "RU", "BR", "MX", "AR", "IN", "CN", "JP", "AU", "ZA"]
    // Each event carries its number's traffic keys, so the gathering benchmark reads warm traffic counters.
    let blockHasher = KeyedHasher(secret: database.secret, purpose: .numberBlock)
    let trafficKeys = Dictionary(eventNumbers.map { number in
        (number, try? PhoneNumber.parse(number).trafficKeys(network: BenchmarkCarrier.network, blockHasher: blockHasher))
    }, uniquingKeysWith: { first, _ in first })
    try! database.pool.write { db in
        var generator = SplitMix64(seed: 2)
        for index in 0..<100_000 {
            let number = eventNumbers[Int(generator.next() % 10_000)]
            let kind: BehaviorEvent.Kind = index % 2 == 0 ? .verificationStarted : .codeSent
            try events.record(BehaviorEvent(
                kind: kind, mode: index % 10 == 0 ? .test : .live, phone: hasher.phoneNumberKey(number),
                accountID: "acct_\(generator.next() % 5_000)", country: countries[Int(generator.next() % 20)],
                occurredAt: now.addingTimeInterval(-Double(generator.next() % (30 * 86_400))),
                traffic: trafficKeys[number] ?? nil
            ), in: db)
        }
    }
    let countQueries = eventNumbers.prefix(1_000).enumerated().map { index, number in
        BehaviorCountQuery(mode: .live, phone: hasher.phoneNumberKey(number), accountID: "acct_\(index % 5_000)",
                           country: countries[index % 20], now: now)
    }

    Benchmark("Cache hit, in-process tier (SignalCache.cachedInProcess)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let cache = SignalCache(store: store, codec: payloadCodec, inProcessCapacity: 1_000)
        let hot = Array(cacheKeys.prefix(1_000))
        for key in hot { _ = try? store.entryNow(for: key) }
        var index = 0
        for key in hot { blackHole(await cache.value(for: key) { [] }) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(cache.cachedInProcess(for: hot[index]))
            index = index == hot.count - 1 ? 0 : index + 1
        }
    }

    Benchmark("Cache hit, SQLite (SQLiteSignalCacheStore.entryNow, 100k rows, random keys)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var generator = SplitMix64(seed: 3)
        let order = (0..<100_000).map { _ in Int(generator.next() % 100_000) }
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? store.entryNow(for: cacheKeys[order[index]]))
            index = index == order.count - 1 ? 0 : index + 1
        }
    }

    Benchmark("Cache hit, SQLite through SignalCache (in-process tier off)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let cache = SignalCache(store: store, codec: payloadCodec, inProcessCapacity: 0)
        var generator = SplitMix64(seed: 4)
        let order = (0..<100_000).map { _ in Int(generator.next() % 100_000) }
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(await cache.value(for: cacheKeys[order[index]]) { [] })
            index = index == order.count - 1 ? 0 : index + 1
        }
    }

    Benchmark("Cache miss: lookup + SQLite write (synchronous=FULL)", configuration: .init(maxDuration: .seconds(3), maxIterations: 2_000)) { benchmark in
        let cache = SignalCache(store: store, codec: payloadCodec, inProcessCapacity: 0)
        let fresh = benchmarkNumbers(benchmark.scaledIterations.count + 200_000).suffix(benchmark.scaledIterations.count)
        let keys = fresh.map { SignalCacheKey(phone: hasher.phoneNumberKey($0), kind: .simSwap, source: "bench-miss-\(UUID().uuidString)") }
        let payload = [UInt8](repeating: 7, count: 200)
        benchmark.startMeasurement()
        for key in keys {
            blackHole(await cache.value(for: key) { payload })
        }
    }

    Benchmark("Phone key (KeyedHasher.phoneNumberKey: HMAC-SHA256 of the E.164, hex)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let numbers = Array(cachedNumbers.prefix(1_000))
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(hasher.phoneNumberKey(numbers[index]))
            index = index == numbers.count - 1 ? 0 : index + 1
        }
    }

    Benchmark("Behaviour counts (5 windowed counts, 100k events)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? events.countsNow(countQueries[index]))
            index = index == countQueries.count - 1 ? 0 : index + 1
        }
    }

    // A busy country: 10,000 code_sent events for GB in the last hour, in test
    // mode so that the live-mode benchmarks above keep their data.
    try! database.pool.write { db in
        var generator = SplitMix64(seed: 5)
        for _ in 0..<10_000 {
            try events.record(BehaviorEvent(
                kind: .codeSent, mode: .test, phone: hasher.phoneNumberKey(eventNumbers[Int(generator.next() % 10_000)]),
                accountID: "acct_\(generator.next() % 5_000)", country: "GB",
                occurredAt: now.addingTimeInterval(-Double(generator.next() % 3_600_000) / 1_000)
            ), in: db)
        }
    }
    let busyCountryQueries = countQueries.map {
        BehaviorCountQuery(mode: .test, phone: $0.phone, accountID: $0.accountID, country: "GB", now: now)
    }

    Benchmark("Behaviour counts, busy country (10,000 code_sent for the country in the hour)") { benchmark in
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? events.countsNow(busyCountryQueries[index]))
            index = index == busyCountryQueries.count - 1 ? 0 : index + 1
        }
    }

    // Warm traffic counters for the frame below: the 30 days above leave its keys' recent minutes almost empty
    // (a block holds about one number, a prefix about one request an hour). Over the last 70 minutes, a
    // neighbour of each of the 200 gathered numbers (same block, so same prefix, country and network; another
    // number and account, so the numbers' own counts stay as they were) starts a verification every 5 minutes,
    // staggered, with its send and, for 4 in 5, its confirmation. Read by one frame: the country's and the
    // network's every minute (40 requests a minute), a third to a half of the prefix's minutes, about 13 of the
    // block's, request-log rows at the start edges, the block's distinct numbers, and cohorts over 10 sends.
    let gatheredNumbers = Array(eventNumbers.prefix(200))
    try! database.pool.write { db in
        var generator = SplitMix64(seed: 6)
        let taken = Set(eventNumbers)
        for (index, number) in gatheredNumbers.enumerated() {
            var neighbour = number
            while taken.contains(neighbour) {
                neighbour = String(number.dropLast(3)) + String(format: "%03llu", generator.next() % 1_000)
            }
            let phone = hasher.phoneNumberKey(neighbour)
            let traffic = try PhoneNumber.parse(neighbour).trafficKeys(network: BenchmarkCarrier.network, blockHasher: blockHasher)
            for minute in stride(from: 70 - index % 5, to: 0, by: -5) {
                let startedAt = now.addingTimeInterval(-Double(minute * 60) + Double(generator.next() % 60_000) / 1_000)
                let sentAt = startedAt.addingTimeInterval(0.2)
                func event(_ kind: BehaviorEvent.Kind, at date: Date, lastSentAt: Date? = nil) -> BehaviorEvent {
                    BehaviorEvent(kind: kind, mode: .live, phone: phone, accountID: "acct_warm_\(index)", country: "GB",
                                  occurredAt: date, traffic: traffic, lastSentAt: lastSentAt)
                }
                try events.record(event(.verificationStarted, at: startedAt), in: db)
                try events.record(event(.codeSent, at: sentAt), in: db)
                if generator.next() % 5 != 0, sentAt.addingTimeInterval(30) < now {
                    try events.record(event(.codeCheckedRight, at: sentAt.addingTimeInterval(30), lastSentAt: sentAt), in: db)
                }
            }
        }
    }

    Benchmark("Gather a full create-stage frame, warm cache", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let gatherer = SignalGatherer(events: events, cacheStore: store, phoneHasher: hasher,
                                      blockHasher: blockHasher,
                                      carrierLookup: BenchmarkCarrier(), trustScores: BenchmarkTrust())
        let requests = try gatheredNumbers.enumerated().map { index, text in
            CreateStageRequest(number: try PhoneNumber.parse(text),
                               account: AccountSnapshot(id: "acct_\(index)", createdAt: now.addingTimeInterval(-86_400 * 90)),
                               context: RequestContext(ipCountry: "GB"), mode: .live, now: now)
        }
        for request in requests { blackHole(try await gatherer.createStageSignals(request)) }
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await gatherer.createStageSignals(requests[index]))
            index = index == requests.count - 1 ? 0 : index + 1
        }
    }
}
