import Foundation
import PhoneNumbers
import SignalStore
@testable import MobileSignals

/// A migrated database in a temporary folder and gatherers over it.
struct GathererFixture {
    let directory: String
    let database: SignalDatabase
    let events: SQLiteBehaviorEventLog
    let store: SQLiteSignalCacheStore
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let clock: TestClock

    init() throws {
        directory = NSTemporaryDirectory() + "phonerisk-mobilesignals-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let secret = try StoreSecret(text: "mobile-signals-test-secret-0123456789abcdef")
        database = try SignalDatabase(path: directory + "/phonerisk.sqlite", options: SignalDatabase.Options(secret: secret, environment: [:]))
        events = try SQLiteBehaviorEventLog(database: database)
        store = try SQLiteSignalCacheStore(database: database)
        clock = TestClock(now)
    }

    func gatherer(carrier: (any CarrierLookup)? = nil, trust: (any TrustScoreSource)? = nil,
                  timeout: Duration = .seconds(2)) -> SignalGatherer {
        SignalGatherer(
            events: events, cacheStore: store, phoneHasher: database.phoneNumberHasher,
            blockHasher: KeyedHasher(secret: database.secret, purpose: .numberBlock),
            carrierLookup: carrier, trustScores: trust,
            configuration: SignalGatherer.Configuration(lookupTimeout: timeout, cacheClock: clock.reader)
        )
    }

    func request(_ text: String, account: String = "acct_1", accountAge: TimeInterval = 86_400 * 10,
                 ipCountry: String? = "gb", mode: DataMode = .live) throws -> CreateStageRequest {
        CreateStageRequest(
            number: try PhoneNumber.parse(text),
            account: AccountSnapshot(id: account, createdAt: now.addingTimeInterval(-accountAge)),
            context: RequestContext(ipCountry: ipCountry), mode: mode, now: now
        )
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
