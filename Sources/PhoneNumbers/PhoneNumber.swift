/// A phone number read from text and classified with libphonenumber's metadata.
///
/// ```swift
/// let number = try PhoneNumber.parse("07700 900123", defaultRegion: "GB")
/// number.e164          // "+447700900123"
/// number.region        // "GB"
/// number.type          // .mobile
/// number.masked        // "+44******0123"
/// ```
///
/// `parse` throws only when the text cannot be read as a number at all; a
/// well-formed number in an unassigned range parses with `isValid == false`
/// and `type == .unknown`. See docs/PHONE_NUMBERS.md for how the metadata is
/// generated and where the results can differ from libphonenumber.
public struct PhoneNumber: Sendable, Hashable {
    /// The number in E.164 form: `+`, calling code, national significant number.
    public let e164: String
    /// The ITU calling code (`44`).
    public let countryCode: Int
    /// ISO 3166-1 alpha-2 region, `"001"` for non-geographic ranges, nil when no region fits.
    public let region: String?
    /// The national significant number: no calling code, no national prefix (`"7700900123"`).
    public let nationalNumber: String
    /// Whether the number lies in a range assigned for its region.
    public let isValid: Bool
    /// The range's type; `.unknown` when the number is not valid.
    public let type: PhoneNumberType
    /// The range's original carrier (libphonenumber carrier data, English), nil when unknown.
    ///
    /// Only mobile, fixed-line-or-mobile and pager ranges carry one, as in libphonenumber.
    public let carrier: String?

    /// The longest text `parse` reads (libphonenumber's limit).
    public static let maximumInputLength = 250

    /// Reads a phone number from the usual written forms.
    ///
    /// Accepts E.164 and international forms with spaces, dashes, dots, slashes
    /// and parentheses; `00` and the other international prefixes of the
    /// default region; national forms (with or without the national prefix)
    /// given a default region; `tel:` URIs; extensions (`ext. 12`, `x12`,
    /// `#12`, `;ext=12`), which are dropped. Letters anywhere else are rejected.
    ///
    /// ```swift
    /// try PhoneNumber.parse("+44 (0)20 7031 3000").e164          // "+442070313000"
    /// try PhoneNumber.parse("011 44 20 7031 3000", defaultRegion: "US").region  // "GB"
    /// ```
    ///
    /// - Parameters:
    ///   - text: The number as written.
    ///   - defaultRegion: ISO 3166-1 alpha-2 region (any case) for national forms
    ///     and international prefixes; nil means only `+` forms parse.
    /// - Throws: `PhoneNumberParseError` naming what was wrong when the text is
    ///   not a phone number.
    public static func parse(_ text: String, defaultRegion: String? = nil) throws(PhoneNumberParseError) -> PhoneNumber {
        let tables = MetadataTables.shared
        let written = try WrittenNumber(reading: text)
        let parsed = try NationalNumberParser(tables: tables).parse(written, defaultRegion: defaultRegion)
        return PhoneNumber(countryCode: parsed.countryCode, nationalDigits: parsed.nationalDigits, tables: tables)
    }

    init(countryCode: Int, nationalDigits: [UInt8], tables: MetadataTables) {
        let classification = tables.classify(countryCode: countryCode, nationalDigits: nationalDigits)
        self.countryCode = countryCode
        self.nationalNumber = Self.text(prefix: nil, countryCode: 0, digits: nationalDigits)
        self.e164 = Self.text(prefix: UInt8(ascii: "+"), countryCode: countryCode, digits: nationalDigits)
        self.region = classification.region
        self.type = classification.type
        self.isValid = classification.type != .unknown
        self.carrier = classification.type.hasOriginalCarrier
            ? tables.carriers.name(countryCode: countryCode, nationalDigits: nationalDigits)
            : nil
    }

    /// Builds `[prefix][countryCode]digits` in place (no intermediate arrays;
    /// results of up to 15 bytes need no heap allocation at all).
    private static func text(prefix: UInt8?, countryCode: Int, digits: [UInt8]) -> String {
        var codeDigits = 0
        var code = countryCode
        while code > 0 {
            codeDigits += 1
            code /= 10
        }
        let count = (prefix == nil ? 0 : 1) + codeDigits + digits.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var position = 0
            if let prefix {
                buffer[0] = prefix
                position = 1
            }
            var code = countryCode
            for offset in stride(from: codeDigits - 1, through: 0, by: -1) {
                buffer[position + offset] = UInt8(code % 10) &+ 0x30
                code /= 10
            }
            position += codeDigits
            for digit in digits {
                buffer[position] = digit &+ 0x30
                position += 1
            }
            return count
        }
    }
}
