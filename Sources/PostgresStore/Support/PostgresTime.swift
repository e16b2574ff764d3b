import Foundation

/// Whole milliseconds since 1970 (UTC) in `BIGINT` columns: the unit the
/// SQLite store uses too, so both keep the same values.
enum PostgresTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}
