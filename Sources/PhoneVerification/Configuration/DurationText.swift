/// Durations written like a policy duration: digits and one unit, `90s`, `10m`, `36h`, `7d`.
///
/// ```swift
/// try DurationText.seconds("10m")   // 600
/// DurationText.string(3600)         // "1h"
/// ```
public enum DurationText {
    private static let units: [(suffix: Character, seconds: Int64)] = [("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)]

    /// The seconds `text` stands for.
    ///
    /// - Parameters:
    ///   - text: digits and one unit (`s`, `m`, `h`, `d`).
    ///   - setting: the flag or variable it came from, for the error.
    /// - Throws: ``ConfigurationError/invalidValue(name:value:reason:)``.
    public static func seconds(_ text: String, setting: String = "duration") throws(ConfigurationError) -> Int64 {
        guard let unit = text.last, let multiplier = units.first(where: { $0.suffix == unit })?.seconds else {
            throw .invalidValue(name: setting, value: text, reason: "expected digits and one unit of s, m, h, d, such as 10m")
        }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let amount = Int64(digits) else {
            throw .invalidValue(name: setting, value: text, reason: "expected digits and one unit of s, m, h, d, such as 10m")
        }
        let (seconds, overflow) = amount.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { throw .invalidValue(name: setting, value: text, reason: "the duration is too long") }
        return seconds
    }

    /// The shortest exact text for `seconds` (`600` → `10m`).
    public static func string(_ seconds: Int64) -> String {
        for (suffix, size) in units.reversed() where seconds != 0 && seconds % size == 0 {
            return "\(seconds / size)\(suffix)"
        }
        return "\(seconds)s"
    }
}
