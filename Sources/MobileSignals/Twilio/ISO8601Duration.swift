import Foundation

/// ISO 8601 durations as Twilio writes them (`PT24H`, `P7D`, `PT15282H33M44S`).
enum ISO8601Duration {
    /// The duration in seconds, or `nil` for text that is not a duration with
    /// weeks, days, hours, minutes and seconds (years and months have no fixed length).
    static func seconds(_ text: String) -> TimeInterval? {
        var rest = Substring(text)
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total: TimeInterval = 0
        var inTime = false
        var sawComponent = false
        var number = ""
        for character in rest {
            switch character {
            case "T":
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
            case "0"..."9", ".":
                number.append(character)
            default:
                guard let value = Double(number), value >= 0 else { return nil }
                let unit: TimeInterval
                switch (inTime, character) {
                case (false, "W"): unit = 604_800
                case (false, "D"): unit = 86_400
                case (true, "H"): unit = 3_600
                case (true, "M"): unit = 60
                case (true, "S"): unit = 1
                default: return nil
                }
                total += value * unit
                number = ""
                sawComponent = true
            }
        }
        guard sawComponent, number.isEmpty else { return nil }
        return total
    }
}

/// Twilio's timestamps (ISO 8601, with or without fractional seconds).
enum TwilioDate {
    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
