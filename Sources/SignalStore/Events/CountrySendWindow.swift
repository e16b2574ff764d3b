/// How the hour of `country_sends_1h` splits over the per-minute counters of
/// `country_send_minutes`: whole minutes are summed from the counters, and the
/// two partial minutes at the edges are range-counted from the events.
///
/// Minute `m` holds the sends of `[m * 60000, (m + 1) * 60000)` ms, the
/// floor the migration's triggers use. For the window `(hourStart, now]`:
/// - `(hourStart, firstWholeMinute * 60000)`: the start's own minute, from the events;
/// - minutes `firstWholeMinute ..< lastMinute`: from the counters;
/// - `[lastMinute * 60000, now]`: the minute holding `now`, from the events.
///
/// ```swift
/// let window = CountrySendWindow(hourStart: 3_540_000, now: 7_140_000)
/// window.firstWholeMinute   // 60 (the start's minute, 59, is counted from the events)
/// window.lastMinute         // 119
/// ```
public struct CountrySendWindow: Sendable, Hashable {
    /// The first minute summed from the counters.
    public let firstWholeMinute: Int64
    /// The minute holding `now`, counted from the events; the counters are summed up to it, exclusive.
    public let lastMinute: Int64

    /// Splits the window `(hourStart, now]` (milliseconds since 1970), which
    /// must span at least one minute so that its two edge minutes differ.
    /// - Parameters:
    ///   - hourStart: the window's exclusive start.
    ///   - now: the window's inclusive end.
    public init(hourStart: Int64, now: Int64) {
        firstWholeMinute = Self.minute(of: hourStart) + 1
        lastMinute = Self.minute(of: now)
    }

    /// The minute holding `milliseconds`, rounded down for times before 1970 as well.
    public static func minute(of milliseconds: Int64) -> Int64 {
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: millisecondsPerMinute)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The length of one counter's minute.
    public static let millisecondsPerMinute: Int64 = 60_000
}
