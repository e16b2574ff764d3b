import Foundation
import PhoneNumbers
import RuleEngine
import SignalStore

/// Gathers the complete signal frame of a verification's create stage in one
/// call: number metadata, carrier data (cached), the trust score (cached),
/// the request context and the behaviour counts.
///
/// ```swift
/// let gatherer = try SignalGatherer(database: database, carrierLookup: twilio)
/// let signals = try await gatherer.createStageSignals(request)
/// signals["carrier.line_type"]          // .string("mobile")
/// signals["behavior.attempts_1h"]       // .int(1): this verification included
/// ```
///
/// A signal a source cannot tell (no lookup configured, lookup failed or
/// timed out, provider has no data) is absent from the frame, never guessed.
/// Use one gatherer per set of sources (e.g. one with the sandbox fixtures for
/// test mode and one with Twilio for live mode); they can share one store.
public final class SignalGatherer: Sendable {
    /// The hasher that turns numbers into store keys.
    public let phoneHasher: KeyedHasher
    /// The hasher that turns number blocks into traffic counter keys (purpose ``HashPurpose/numberBlock``).
    public let blockHasher: KeyedHasher
    /// The behaviour log the counts come from.
    public let events: any BehaviorEventLog
    /// The carrier source, if any.
    public let carrierLookup: (any CarrierLookup)?
    /// The trust provider, if any.
    public let trustScores: (any TrustScoreSource)?

    let carrierCache: SignalCache<CarrierFacts>
    let trustCache: SignalCache<CachedTrustScore>

    /// Creates a gatherer over any store implementation.
    /// - Parameters:
    ///   - events: the behaviour log.
    ///   - cacheStore: the persistent cache tier.
    ///   - phoneHasher: the hasher for phone-number keys.
    ///   - blockHasher: the hasher for number-block keys, of purpose ``HashPurpose/numberBlock``.
    ///   - carrierLookup: the carrier source; `nil` leaves carrier signals to the metadata.
    ///   - trustScores: the trust provider; `nil` leaves `trust_score` missing.
    ///   - configuration: cache and lookup tuning.
    public init(
        events: any BehaviorEventLog,
        cacheStore: any SignalCacheStore,
        phoneHasher: KeyedHasher,
        blockHasher: KeyedHasher,
        carrierLookup: (any CarrierLookup)? = nil,
        trustScores: (any TrustScoreSource)? = nil,
        configuration: Configuration = Configuration()
    ) {
        self.events = events
        self.phoneHasher = phoneHasher
        self.blockHasher = blockHasher
        self.carrierLookup = carrierLookup
        self.trustScores = trustScores
        carrierCache = SignalCache(
            store: cacheStore, codec: .json, ttls: configuration.ttls,
            inProcessCapacity: configuration.inProcessCapacity, lookupTimeout: configuration.lookupTimeout,
            metricsFactory: configuration.metricsFactory, now: configuration.cacheClock
        )
        trustCache = SignalCache(
            store: cacheStore, codec: .json, ttls: configuration.ttls,
            inProcessCapacity: configuration.inProcessCapacity, lookupTimeout: configuration.lookupTimeout,
            metricsFactory: configuration.metricsFactory, now: configuration.cacheClock
        )
    }

    /// Creates a gatherer over the SQLite file.
    /// - Parameters:
    ///   - database: the open database.
    ///   - carrierLookup: the carrier source, if any.
    ///   - trustScores: the trust provider, if any.
    ///   - configuration: cache and lookup tuning.
    public convenience init(
        database: SignalDatabase,
        carrierLookup: (any CarrierLookup)? = nil,
        trustScores: (any TrustScoreSource)? = nil,
        configuration: Configuration = Configuration()
    ) throws {
        self.init(
            events: try SQLiteBehaviorEventLog(database: database),
            cacheStore: try SQLiteSignalCacheStore(database: database),
            phoneHasher: database.phoneNumberHasher,
            blockHasher: KeyedHasher(secret: database.secret, purpose: .numberBlock),
            carrierLookup: carrierLookup,
            trustScores: trustScores,
            configuration: configuration
        )
    }

    /// The key under which `number` is stored (events, cache).
    public func phoneKey(for number: PhoneNumber) -> PhoneNumberKey {
        phoneHasher.phoneNumberKey(number.e164)
    }

    /// The traffic counter keys of `number` (prefix, block, and network when `mcc` and `mnc` are both known):
    /// what the gatherer counts under, and what the service records its events under.
    /// - Parameters:
    ///   - number: the number.
    ///   - mcc: the carrier's mobile country code, if known.
    ///   - mnc: the carrier's mobile network code, if known.
    public func trafficKeys(for number: PhoneNumber, mcc: String?, mnc: String?) -> TrafficKeys {
        number.trafficKeys(network: TrafficKeys.network(mcc: mcc, mnc: mnc), blockHasher: blockHasher)
    }

    /// The complete create-stage frame for `request`.
    ///
    /// Behaviour counts include the verification being started; the caller
    /// records its `verification_started` event after the decision. Traffic
    /// request counts do not include this request.
    /// - Throws: ``SignalStoreError`` when the behaviour counts cannot be read.
    public func createStageSignals(_ request: CreateStageRequest) async throws -> [String: SignalValue] {
        let number = request.number
        let phone = phoneKey(for: number)
        let remote = await remoteAnswers(for: number, phone: phone)
        let traffic = trafficKeys(for: number, mcc: remote.carrier?.mobileCountryCode, mnc: remote.carrier?.mobileNetworkCode)
        let counts = try await events.counts(BehaviorCountQuery(
            mode: request.mode, phone: phone, accountID: request.account.id,
            country: number.behaviorCountry, now: request.now, includingPendingStart: request.startsVerification, traffic: traffic
        ))
        var frame: [String: SignalValue] = [:]
        frame.reserveCapacity(40)
        frame.addMetadata(of: number)
        frame.addCarrier(remote.carrier, number: number, now: request.now)
        if let score = remote.trustScore {
            frame[SignalName.trustScore] = .int(Int64(score))
        }
        if let ipCountry = request.context.normalizedIPCountry {
            frame[SignalName.ipCountry] = .string(ipCountry)
        }
        frame[SignalName.accountAge] = .duration(seconds: request.now.seconds(since: request.account.createdAt))
        frame.addBehavior(counts)
        frame[SignalName.failedCodes] = .int(0)
        frame[SignalName.resends] = .int(0)
        frame[SignalName.stage] = .string("create")
        return frame
    }
}

extension Date {
    /// Whole seconds from `earlier` to this date, never negative.
    func seconds(since earlier: Date) -> Int64 {
        Int64(max(0, timeIntervalSince(earlier)).rounded(.down))
    }
}
