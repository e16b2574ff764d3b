import PhoneNumbers
import SeededRandom

/// Distinct valid mobile numbers spread over many regions, for flows that the default
/// policy passes.
///
/// Every flow gets its own number, so the per-number rate limit (5 per 10 minutes) and
/// the number's velocity signals never come into play. Numbers are spread round-robin
/// over regions because the default policy scores sends per country
/// (`behavior.country_sends_1h > 200`: +300) and blocks above 1,000 an hour
/// (`SMS_PUMPING`): one country could not carry a load test at all.
///
/// Each region's numbers come from one seed number found by random search with
/// `PhoneNumber.parse` and then varied in its last four digits; only numbers that parse
/// as valid mobiles of that same region are kept.
struct NumberPool {
    /// The numbers in E.164, interleaved by region.
    var numbers: [String]
    /// How many regions contributed.
    var regions: Int
    /// The most numbers any one region contributed.
    var largestShare: Int

    /// Draws `count` numbers, at most `perRegion` from one region.
    ///
    /// - Parameters:
    ///   - count: How many numbers to return (fewer if the regions cannot supply them).
    ///   - perRegion: The most numbers from one region.
    ///   - seed: The random seed; the same seed gives the same numbers.
    static func make(count: Int, perRegion: Int, seed: UInt64) -> NumberPool {
        var random = SplitMix64(seed: seed)
        var byRegion: [[String]] = []
        for region in PhoneNumberMetadata.supportedRegions {
            guard let first = seedNumber(in: region, random: &random) else { continue }
            byRegion.append(variants(of: first, in: region, count: perRegion, random: &random))
        }
        var numbers: [String] = []
        numbers.reserveCapacity(count)
        var round = 0
        while numbers.count < count {
            var added = false
            for regionNumbers in byRegion where round < regionNumbers.count && numbers.count < count {
                numbers.append(regionNumbers[round])
                added = true
            }
            if !added { break }
            round += 1
        }
        let used = byRegion.filter { !$0.isEmpty }.count
        return NumberPool(numbers: numbers, regions: min(used, numbers.count), largestShare: round)
    }

    /// Numbers the sandbox fixtures reserve (their signals are fixed, mostly risky).
    private static let fixturePrefixes = ["+6149157", "+4490987"]

    private static func acceptable(_ number: PhoneNumber, in region: String) -> Bool {
        number.isValid && number.type == .mobile && number.region == region
            && !fixturePrefixes.contains(where: number.e164.hasPrefix)
    }

    /// A random valid mobile of `region` in national digits, or nil when none turns up
    /// within the search budget (regions with no mobile range, or very sparse ones).
    private static func seedNumber(in region: String, random: inout SplitMix64) -> PhoneNumber? {
        for _ in 0..<20_000 {
            let length = 6 + Int(random.next() % 6)
            var digits = String(UInt8(1 + random.next() % 9))
            for _ in 1..<length { digits.append(String(UInt8(random.next() % 10))) }
            if let number = try? PhoneNumber.parse(digits, defaultRegion: region), acceptable(number, in: region) {
                return number
            }
        }
        return nil
    }

    /// Up to `count` distinct valid mobiles of `region` that share all but the last four
    /// digits of `seed`.
    private static func variants(of seed: PhoneNumber, in region: String, count: Int, random: inout SplitMix64)
        -> [String]
    {
        let stem = String(seed.e164.dropLast(4))
        var found: Set<String> = []
        var ordered: [String] = []
        var tries = 0
        while ordered.count < count && tries < count * 8 {
            tries += 1
            let tail = String(10_000 + random.next() % 10_000).dropFirst()
            guard let number = try? PhoneNumber.parse(stem + tail), acceptable(number, in: region),
                found.insert(number.e164).inserted
            else { continue }
            ordered.append(number.e164)
        }
        return ordered
    }
}
