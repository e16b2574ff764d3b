import Foundation
import PhoneNumbers

/// The meaning checks of request fields; each failure is a 400 naming its field.
enum InputValidation {
    /// The longest name accepted in a profile.
    static let maximumNameLength = 200

    /// A number in any common written form, normalised; `defaultRegion` reads national forms.
    static func phoneNumber(_ text: String, param: String, defaultRegion: String?) throws(APIError) -> PhoneNumber {
        let number: PhoneNumber
        do {
            number = try PhoneNumber.parse(text, defaultRegion: defaultRegion)
        } catch {
            if error.kind == .missingRegion {
                throw .invalidPhoneNumber(param: param, reason: "a national number needs the account to have a number in international (+) form to take its region from")
            }
            throw .invalidPhoneNumber(param: param, reason: error.description)
        }
        guard number.isValid else {
            throw .invalidPhoneNumber(param: param, reason: "\(number.e164) is not a valid, assigned number")
        }
        return number
    }

    /// A real calendar date written `YYYY-MM-DD`, not after `today`.
    static func dateOfBirth(_ text: String, param: String, today: Date) throws(APIError) -> String {
        let reason = "must be a real date written YYYY-MM-DD"
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.suffix(2)),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }),
              year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { throw .invalidField(param, reason) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let now = calendar.dateComponents([.year, .month, .day], from: today)
        if let y = now.year, let m = now.month, let d = now.day, (year, month, day) > (y, m, d) {
            throw .invalidField(param, "must not be in the future")
        }
        return text
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// An email address of a plausible shape (`local@domain`), at most 254 characters.
    static func email(_ text: String, param: String) throws(APIError) -> String {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !text.contains(where: { $0.isWhitespace || $0.isNewline })
        else { throw .invalidField(param, "must be an email address such as ada@example.com") }
        return text
    }

    /// A name of at most ``maximumNameLength`` characters; blank means none.
    static func name(_ text: String?, param: String) throws(APIError) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumNameLength else {
            throw .invalidField(param, "must be at most \(maximumNameLength) characters")
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An ISO 3166-1 alpha-2 code (two ASCII letters, any case), upper-cased.
    static func country(_ text: String, param: String) throws(APIError) -> String {
        guard text.utf8.count == 2, text.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.letters.contains($0) }) else {
            throw .invalidField(param, "must be an ISO 3166-1 alpha-2 country code such as GB")
        }
        return text.uppercased()
    }

    /// An id as the API writes it (a UUID), lower-cased; anything else cannot name an object.
    static func objectID(_ text: String) -> String? {
        UUID(uuidString: text).map { $0.uuidString.lowercased() }
    }

    /// A page size: 1–100, default 10.
    static func limit(_ value: Int?) throws(APIError) -> Int {
        guard let value else { return 10 }
        guard (1...100).contains(value) else { throw .invalidField("limit", "must be between 1 and 100") }
        return value
    }
}
