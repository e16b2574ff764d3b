import Foundation

/// The API's timestamp form: ISO 8601 in UTC with whole seconds, `2026-11-29T01:40:00Z`.
enum APITimestamp {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
