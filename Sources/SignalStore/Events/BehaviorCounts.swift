import Foundation

/// The question behind the windowed behaviour counts of one verification.
public struct BehaviorCountQuery: Sendable, Hashable {
    /// Only events of this mode count.
    public var mode: DataMode
    /// The number being verified.
    public var phone: PhoneNumberKey
    /// The account verifying it.
    public var accountID: String
    /// The number's region, as recorded in its events.
    public var country: String
    /// The end of every window (inclusive); each window is `(now - length, now]`.
    public var now: Date
    /// Count the verification about to be started as if its
    /// `verification_started` event were already recorded at `now`.
    public var includingPendingStart: Bool
    /// The number's prefix, block and network; nil leaves ``BehaviorCounts/traffic`` nil.
    public var traffic: TrafficKeys?

    /// Creates a query.
    /// - Parameters:
    ///   - mode: the mode whose events count.
    ///   - phone: the number's keyed hash.
    ///   - accountID: the account id.
    ///   - country: the number's region.
    ///   - now: the end of the windows.
    ///   - includingPendingStart: add the verification being started (the create stage does).
    ///   - traffic: the number's traffic keys; given, the counts include ``TrafficCounts``.
    public init(
        mode: DataMode, phone: PhoneNumberKey, accountID: String, country: String, now: Date, includingPendingStart: Bool = true,
        traffic: TrafficKeys? = nil
    ) {
        self.mode = mode
        self.phone = phone
        self.accountID = accountID
        self.country = country
        self.now = now
        self.includingPendingStart = includingPendingStart
        self.traffic = traffic
    }
}

/// The windowed counts of SIGNALS.md (`behavior.*`).
public struct BehaviorCounts: Sendable, Hashable {
    /// Verifications started for this number in the last hour.
    public var attempts1h: Int
    /// Verifications started for this number in the last 24 hours.
    public var attempts24h: Int
    /// Codes sent to this number's country in the last hour, all accounts.
    public var countrySends1h: Int
    /// Distinct accounts that started a verification for this number in 30 days.
    public var accountsPerPhone30d: Int
    /// Distinct numbers this account started a verification for in 30 days.
    public var phonesPerAccount30d: Int
    /// The deployment-relative traffic signals; nil when the query carried no traffic keys.
    public var traffic: TrafficCounts?

    /// Creates counts.
    public init(
        attempts1h: Int, attempts24h: Int, countrySends1h: Int, accountsPerPhone30d: Int, phonesPerAccount30d: Int,
        traffic: TrafficCounts? = nil
    ) {
        self.attempts1h = attempts1h
        self.attempts24h = attempts24h
        self.countrySends1h = countrySends1h
        self.accountsPerPhone30d = accountsPerPhone30d
        self.phonesPerAccount30d = phonesPerAccount30d
        self.traffic = traffic
    }

    /// The window lengths of the counts.
    public enum Window {
        /// One hour.
        public static let hour: TimeInterval = 3_600
        /// 24 hours.
        public static let day: TimeInterval = 86_400
        /// 30 days, the longest window: retention must keep at least this much.
        public static let thirtyDays: TimeInterval = 30 * 86_400
    }
}
