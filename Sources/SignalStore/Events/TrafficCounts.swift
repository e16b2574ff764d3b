import Foundation

/// The deployment-relative traffic signals of one number (`behavior.block_*`,
/// `behavior.prefix_*`, `behavior.network_*`, `behavior.country_conversion_*`,
/// `behavior.*_request_ratio_1h`), as defined in docs/SIGNALS_AND_STORE.md.
///
/// Request counts do not include the request being evaluated (it is recorded
/// after the decision); ``blockNumbers10m`` does include its number.
public struct TrafficCounts: Sendable, Hashable {
    /// Requests for numbers of this block in the last 10 minutes.
    public var blockRequests10m: Int
    /// Requests for numbers of this block in the last hour.
    public var blockRequests1h: Int
    /// Requests for numbers of this prefix in the last 10 minutes.
    public var prefixRequests10m: Int
    /// Requests for numbers of this prefix in the last hour.
    public var prefixRequests1h: Int
    /// Requests for numbers of this carrier network in the last hour; nil when the network is unknown.
    public var networkRequests1h: Int?
    /// Distinct numbers of this block that started a verification in the last 10 minutes, this one included.
    public var blockNumbers10m: Int
    /// Confirmed ÷ sent for the country's 1-hour cohort; nil below ``TrafficWindows/minimumCohortSends`` sends.
    public var countryConversion1h: Double?
    /// Confirmed ÷ sent for the country's 24-hour cohort; nil below the minimum.
    public var countryConversion24h: Double?
    /// Confirmed ÷ sent for the prefix's 1-hour cohort; nil below the minimum.
    public var prefixConversion1h: Double?
    /// Confirmed ÷ sent for the prefix's 24-hour cohort; nil below the minimum.
    public var prefixConversion24h: Double?
    /// The country's requests in the last hour ÷ max(its 7-day baseline for this hour, 30).
    public var countryRequestRatio1h: Double
    /// The prefix's requests in the last hour ÷ max(its 7-day baseline for this hour, 10).
    public var prefixRequestRatio1h: Double

    /// Creates counts.
    public init(
        blockRequests10m: Int, blockRequests1h: Int, prefixRequests10m: Int, prefixRequests1h: Int, networkRequests1h: Int?,
        blockNumbers10m: Int, countryConversion1h: Double?, countryConversion24h: Double?, prefixConversion1h: Double?,
        prefixConversion24h: Double?, countryRequestRatio1h: Double, prefixRequestRatio1h: Double
    ) {
        self.blockRequests10m = blockRequests10m
        self.blockRequests1h = blockRequests1h
        self.prefixRequests10m = prefixRequests10m
        self.prefixRequests1h = prefixRequests1h
        self.networkRequests1h = networkRequests1h
        self.blockNumbers10m = blockNumbers10m
        self.countryConversion1h = countryConversion1h
        self.countryConversion24h = countryConversion24h
        self.prefixConversion1h = prefixConversion1h
        self.prefixConversion24h = prefixConversion24h
        self.countryRequestRatio1h = countryRequestRatio1h
        self.prefixRequestRatio1h = prefixRequestRatio1h
    }

    /// The signals from the stored sums, the same for every store.
    /// - Parameters:
    ///   - tallies: the sums read from the counters.
    ///   - hasNetwork: whether the query knew the number's network.
    package init(_ tallies: TrafficTallies, hasNetwork: Bool) {
        func conversion(_ cohort: TrafficTallies.Cohort) -> Double? {
            cohort.sends < TrafficWindows.minimumCohortSends ? nil : Double(cohort.confirmed) / Double(cohort.sends)
        }
        func ratio(_ requests: Int, baselineSum: Int, floor: Double) -> Double {
            Double(requests) / max(Double(baselineSum) / Double(TrafficWindows.baselineDays), floor)
        }
        self.init(
            blockRequests10m: tallies.block.requests10m, blockRequests1h: tallies.block.requests1h,
            prefixRequests10m: tallies.prefix.requests10m, prefixRequests1h: tallies.prefix.requests1h,
            networkRequests1h: hasNetwork ? tallies.network.requests1h : nil,
            blockNumbers10m: tallies.blockNumbers10m + (tallies.blockHasThisNumber ? 0 : 1),
            countryConversion1h: conversion(tallies.countryCohort1h), countryConversion24h: conversion(tallies.countryCohort24h),
            prefixConversion1h: conversion(tallies.prefixCohort1h), prefixConversion24h: conversion(tallies.prefixCohort24h),
            countryRequestRatio1h: ratio(tallies.country.requests1h, baselineSum: tallies.countryBaselineSum,
                                         floor: TrafficWindows.countryBaselineFloor),
            prefixRequestRatio1h: ratio(tallies.prefix.requests1h, baselineSum: tallies.prefixBaselineSum,
                                        floor: TrafficWindows.prefixBaselineFloor)
        )
    }
}

/// The sums a store reads for ``TrafficCounts``, before they become signals.
package struct TrafficTallies: Equatable {
    /// The parts of one key's request counts over `(now − 10 min, now]` and `(now − 1 h, now]`.
    package struct Requests: Equatable {
        /// The hour's whole minutes and the minute holding now, from the minute buckets.
        package var minutes1h = 0
        /// The 10 minutes' whole minutes and the minute holding now, from the minute buckets.
        package var minutes10m = 0
        /// The hour's partial start minute, from the request log.
        package var startEdge1h = 0
        /// The 10 minutes' partial start minute, from the request log.
        package var startEdge10m = 0

        package var requests10m: Int { minutes10m + startEdge10m }
        package var requests1h: Int { minutes1h + startEdge1h }
    }

    /// Sends and confirmations of one cohort window.
    package struct Cohort: Equatable {
        package var sends = 0
        package var confirmed = 0
    }

    package var country = Requests()
    package var prefix = Requests()
    package var block = Requests()
    package var network = Requests()
    package var blockNumbers10m = 0
    package var blockHasThisNumber = false
    package var countryCohort1h = Cohort()
    package var countryCohort24h = Cohort()
    package var prefixCohort1h = Cohort()
    package var prefixCohort24h = Cohort()
    package var countryBaselineSum = 0
    package var prefixBaselineSum = 0

    /// Empty tallies, to be filled by ``add(tag:_:_:_:_:)``.
    package init() {}

    /// The row tags of the counting statement: which sums a result row holds. A row's tag is its key's
    /// offset (``country``, ``prefix``, ``block``, ``network``) plus its part.
    package enum Tag: Int64 {
        /// The minute buckets: requests of the hour, requests of the 10 minutes, the 1 h cohort's sends and confirmations.
        case minutes = 0
        /// The request log's count in the hour's partial start minute.
        case startEdge1h
        /// The request log's count in the 10 minutes' partial start minute.
        case startEdge10m
        /// The hour buckets of the 24 h cohort: sends and confirmations (third and fourth values).
        case cohort24h
        /// The hour buckets of the baseline: their requests.
        case baseline
        package static let country: Int64 = 0, prefix: Int64 = 10, block: Int64 = 20, network: Int64 = 30
        /// The block's distinct numbers (first value) and whether this number is among them (second value).
        package static let blockNumbers: Int64 = 40
    }

    /// Adds one result row: `tag` from ``Tag``, then its four values.
    package mutating func add(tag: Int64, _ first: Int, _ second: Int, _ third: Int, _ fourth: Int) {
        if tag == Tag.blockNumbers {
            blockNumbers10m = first
            blockHasThisNumber = second > 0
            return
        }
        // The tag's tens name the counted key (country, prefix, block, network), its units the part.
        let owner = tag / 10 * 10
        guard let part = Tag(rawValue: tag - owner) else { return }
        switch part {
        case .minutes:
            let cohort = Cohort(sends: third, confirmed: fourth)
            switch owner {
            case Tag.country: (country.minutes1h, country.minutes10m, countryCohort1h) = (first, second, cohort)
            case Tag.prefix: (prefix.minutes1h, prefix.minutes10m, prefixCohort1h) = (first, second, cohort)
            case Tag.block: (block.minutes1h, block.minutes10m) = (first, second)
            default: (network.minutes1h, network.minutes10m) = (first, second)
            }
        case .startEdge1h, .startEdge10m:
            let tenMinutes = part == .startEdge10m
            switch owner {
            case Tag.country: if tenMinutes { country.startEdge10m = first } else { country.startEdge1h = first }
            case Tag.prefix: if tenMinutes { prefix.startEdge10m = first } else { prefix.startEdge1h = first }
            case Tag.block: if tenMinutes { block.startEdge10m = first } else { block.startEdge1h = first }
            default: if tenMinutes { network.startEdge10m = first } else { network.startEdge1h = first }
            }
        case .cohort24h:
            let cohort = Cohort(sends: third, confirmed: fourth)
            if owner == Tag.country { countryCohort24h = cohort } else { prefixCohort24h = cohort }
        case .baseline:
            if owner == Tag.country { countryBaselineSum = first } else { prefixBaselineSum = first }
        }
    }
}

/// The bucket ranges behind ``TrafficCounts`` for one `now`, shared by both
/// stores. Minute `m` holds `[m·60000, (m+1)·60000)` ms and hour `h` holds
/// `[h·3600000, (h+1)·3600000)` ms.
///
/// - Requests over `(now − W, now]`: the whole minutes and the minute holding
///   `now` from the minute buckets, the partial minute at the start from the
///   request log.
/// - Cohorts: 1 h = the 60 minutes before the minute holding `now − 5 min`;
///   24 h = the 24 hours before the hour holding `now − 5 min`.
/// - Baseline: the 7 hours `hour(now − 30 min) − 24·d`, d = 1…7 (the hour holding
///   the middle of the window ending at `now − d·24h`).
package struct TrafficWindows: Equatable {
    package let now: Int64
    package let start1h: Int64
    package let start10m: Int64
    package let firstWholeMinute1h: Int64
    package let firstWholeMinute10m: Int64
    package let nowMinute: Int64
    /// The cohort's minutes are `[cohortMinuteEnd − 60, cohortMinuteEnd)`.
    package let cohortMinuteEnd: Int64
    /// The cohort's hours are `[cohortHourEnd − 24, cohortHourEnd)`.
    package let cohortHourEnd: Int64
    /// The baseline hours are `baselineHour − 24·d`, d = 1…7.
    package let baselineHour: Int64

    package init(now: Int64) {
        self.now = now
        start1h = now - 3_600_000
        start10m = now - 600_000
        firstWholeMinute1h = Self.minute(of: start1h) + 1
        firstWholeMinute10m = Self.minute(of: start10m) + 1
        nowMinute = Self.minute(of: now)
        cohortMinuteEnd = Self.minute(of: now - Self.cohortLag)
        cohortHourEnd = Self.hour(of: now - Self.cohortLag)
        baselineHour = Self.hour(of: now - 1_800_000)
    }

    /// The minute holding `milliseconds`, rounded down before 1970 too.
    package static func minute(of milliseconds: Int64) -> Int64 { floorDivide(milliseconds, by: millisecondsPerMinute) }
    /// The hour holding `milliseconds`, rounded down before 1970 too.
    package static func hour(of milliseconds: Int64) -> Int64 { floorDivide(milliseconds, by: millisecondsPerHour) }

    private static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }

    package static let millisecondsPerMinute: Int64 = 60_000
    package static let millisecondsPerHour: Int64 = 3_600_000
    /// Sends younger than this have not had their chance to be confirmed.
    package static let cohortLag: Int64 = 300_000
    /// A conversion is missing while its cohort holds fewer sends.
    package static let minimumCohortSends = 10
    package static let baselineDays = 7
    package static let countryBaselineFloor = 30.0
    package static let prefixBaselineFloor = 10.0

    /// Minute buckets are kept this long (the longest minute window, 1 h + the lag, with a day of margin: 24 h + 10 min).
    package static let minuteRetention: Int64 = 86_400_000 + 600_000
    /// Hour buckets are kept this long (the baseline's 7 days + its hour, with margin: 8 days).
    package static let hourRetention: Int64 = 8 * 86_400_000
    /// Request-log rows are kept this long (the 1-hour window's start edge, with margin).
    package static let requestLogRetention: Int64 = 2 * 3_600_000
    /// Block-number rows are kept this long (the 10-minute window, with margin).
    package static let blockNumberRetention: Int64 = 3_600_000
}
