/// Why a text could not be read as a phone number at all.
///
/// A well-formed number in an unassigned range is not an error: it parses with
/// `isValid == false`. `description` is a sentence fragment for people, such as
/// "letters are not allowed" or "a national number needs a region".
public struct PhoneNumberParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad class of the failure, for programs that branch on it.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Nothing but blanks.
        case empty
        /// More than `PhoneNumber.maximumInputLength` characters.
        case inputTooLong
        /// Letters outside an extension label or a leading `tel:`.
        case letters
        /// A character that has no place in a phone number.
        case unexpectedCharacter
        /// Too few digits to be any number.
        case notANumber
        /// A national form (no `+` or international prefix) without a default region.
        case missingRegion
        /// The default region is not one libphonenumber knows.
        case unknownRegion
        /// The digits after `+` or the international prefix start no calling code.
        case invalidCountryCode
        /// The national part is too short to be a number.
        case tooShort
        /// The national part is longer than any numbering plan allows (17 digits).
        case tooLong
        /// An RFC 3966 `;phone-context=` parameter that is malformed.
        case invalidPhoneContext
    }

    /// The class of the failure.
    public let kind: Kind
    /// A clear reason naming what was wrong.
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

// Every parse failure is built here, so the wording stays consistent.
extension PhoneNumberParseError {
    static let empty = PhoneNumberParseError(.empty, "the input is empty")
    static let inputTooLong = PhoneNumberParseError(
        .inputTooLong, "the input is longer than \(PhoneNumber.maximumInputLength) characters")
    static let invalidPhoneContext = PhoneNumberParseError(
        .invalidPhoneContext, "the phone-context parameter is malformed")
    static let missingRegion = PhoneNumberParseError(
        .missingRegion, "a national number needs a region (write it as +<calling code> <number>, or give a default region)")
    static let tooShort = PhoneNumberParseError(.tooShort, "too short to be a phone number")
    static let tooLong = PhoneNumberParseError(.tooLong, "too long to be a phone number (more than 17 national digits)")
    static let misplacedPlus = PhoneNumberParseError(.unexpectedCharacter, "a plus sign may only start the number")
    static let tooShortAfterPrefix = PhoneNumberParseError(
        .tooShort, "too short after the international prefix to hold a calling code and a number")

    static func letters(_ letter: Unicode.Scalar) -> PhoneNumberParseError {
        PhoneNumberParseError(.letters, "letters are not allowed (found '\(Character(letter))')")
    }

    static func unexpectedCharacter(_ scalar: Unicode.Scalar) -> PhoneNumberParseError {
        PhoneNumberParseError(.unexpectedCharacter, "unexpected character \(quoted(scalar)) in a phone number")
    }

    static func tooFewDigits(_ count: Int) -> PhoneNumberParseError {
        PhoneNumberParseError(
            .notANumber,
            count == 0 ? "no digits: not a phone number" : "only \(count) digit\(count == 1 ? "" : "s"): not a phone number")
    }


    static func unknownRegion(_ region: String) -> PhoneNumberParseError {
        PhoneNumberParseError(.unknownRegion, "unknown region '\(region)' (expected an ISO 3166-1 alpha-2 code such as GB)")
    }

    static func invalidCountryCode(_ digits: [UInt8]) -> PhoneNumberParseError {
        let shown = digits.prefix(3).map { String($0) }.joined()
        return PhoneNumberParseError(
            .invalidCountryCode,
            shown.isEmpty ? "no calling code after the plus sign" : "no country calling code starts with \(shown)")
    }

    private static func quoted(_ scalar: Unicode.Scalar) -> String {
        if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.properties.generalCategory == .format {
            return "U+" + String(scalar.value, radix: 16, uppercase: true)
        }
        return "'\(Character(scalar))'"
    }
}
