/// The digits of a number as written, before any numbering-plan knowledge:
/// libphonenumber's text handling (`_build_national_number_for_parsing`,
/// `_extract_possible_number`, extension stripping, the viability test),
/// except that letters are rejected rather than read as keypad digits.
struct WrittenNumber {
    /// Whether the number started with `+` (one or more).
    let plusPrefixed: Bool
    /// Every digit after the plus signs, as values 0-9.
    let digits: [UInt8]

    init(reading text: String) throws(PhoneNumberParseError) {
        if let plain = Self.plainASCII(text) {
            self = plain
        } else {
            try self.init(generalReading: text)
        }
    }

    /// The full text handling, for any input; `init(reading:)` takes a fast
    /// path first where this would only keep the digits.
    init(generalReading text: String) throws(PhoneNumberParseError) {
        guard text.unicodeScalars.count <= PhoneNumber.maximumInputLength else { throw .inputTooLong }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { !$0.properties.isWhitespace }) else { throw .empty }
        var candidate = try Self.candidate(in: scalars)
        if let subaddress = Self.firstIndex(of: ";isub=", in: candidate), subaddress > candidate.startIndex {
            candidate = candidate[candidate.startIndex..<subaddress]
        }
        candidate = ExtensionSplitter.numberPart(of: candidate)
        (plusPrefixed, digits) = try Self.readDigits(candidate)
    }

    private init(plusPrefixed: Bool, digits: [UInt8]) {
        self.plusPrefixed = plusPrefixed
        self.digits = digits
    }

    /// The common case without the general machinery: ASCII digits, plus
    /// signs only before the first digit, and plain punctuation (space - . ( )
    /// / [ ]), at least three digits. Here every step of the general path
    /// reduces to "keep the digits", so the answers are the same. Anything
    /// else returns nil and takes the general path.
    private static func plainASCII(_ text: String) -> WrittenNumber? {
        let utf8 = text.utf8
        guard utf8.count <= PhoneNumber.maximumInputLength else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(utf8.count)
        var plusPrefixed = false
        var numberStarted = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte &- 0x30)
                numberStarted = true
            case UInt8(ascii: "+"):
                if numberStarted { return nil }
                plusPrefixed = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"):
                if plusPrefixed { numberStarted = true }
            default:
                return nil
            }
        }
        guard digits.count >= 3 else { return nil }
        return WrittenNumber(plusPrefixed: plusPrefixed, digits: digits)
    }

    /// The part of the text that holds the number: from an RFC 3966
    /// `tel:` URI with `;phone-context=`, else from the first `+` or digit
    /// with trailing punctuation and any second number trimmed.
    private static func candidate(in scalars: [Unicode.Scalar]) throws(PhoneNumberParseError) -> ArraySlice<Unicode.Scalar> {
        let all = scalars[...]
        if let contextMarker = firstIndex(of: ";phone-context=", in: all) {
            let contextStart = contextMarker + 15
            let contextEnd = scalars[contextStart...].firstIndex(of: ";") ?? scalars.endIndex
            let context = scalars[contextStart..<contextEnd]
            guard PhoneContext.isValid(context) else { throw .invalidPhoneContext }
            let numberStart = firstIndex(of: "tel:", in: all).map { $0 + 4 } ?? 0
            guard numberStart <= contextMarker else { throw .invalidPhoneContext }
            let local = scalars[numberStart..<contextMarker]
            return context.first == "+" ? ArraySlice(Array(context) + Array(local)) : local
        }
        guard let start = scalars.firstIndex(where: { $0.isPlusSign || $0.decimalDigitValue != nil }) else {
            if let letter = scalars.first(where: \.isLetter) { throw .letters(letter) }
            throw .tooFewDigits(0)
        }
        try checkLeadingText(scalars[..<start])
        var end = scalars.endIndex
        while end > start, scalars[end - 1] != "#", !scalars[end - 1].isWordCharacter || scalars[end - 1] == "_" {
            end -= 1
        }
        var number = scalars[start..<end]
        if let second = secondNumberStart(in: number) {
            number = number[number.startIndex..<second]
        }
        return number
    }

    /// Text before the number may be punctuation or a `tel:` scheme; words
    /// ("Tel", "call") are letters, and letters are not allowed.
    private static func checkLeadingText(_ text: ArraySlice<Unicode.Scalar>) throws(PhoneNumberParseError) {
        guard let letter = text.first(where: \.isLetter) else { return }
        let word = String(String.UnicodeScalarView(text.filter { !$0.properties.isWhitespace })).lowercased()
        if word == "tel:" { return }
        throw .letters(letter)
    }

    /// libphonenumber's `[\\/] *x`: a second number such as `x302/x2303`.
    private static func secondNumberStart(in text: ArraySlice<Unicode.Scalar>) -> Int? {
        for index in text.indices where text[index] == "/" || text[index] == "\\" {
            var next = index + 1
            while next < text.endIndex, text[next] == " " { next += 1 }
            if next < text.endIndex, text[next] == "x" { return index }
        }
        return nil
    }

    private static func readDigits(_ text: ArraySlice<Unicode.Scalar>) throws(PhoneNumberParseError) -> (Bool, [UInt8]) {
        var rest = text
        var plusPrefixed = false
        while let first = rest.first, first.isPlusSign {
            plusPrefixed = true
            rest = rest.dropFirst()
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(rest.count)
        var onlyDigits = true
        for scalar in rest {
            if let digit = scalar.decimalDigitValue {
                digits.append(digit)
                continue
            }
            onlyDigits = false
            if scalar.isPlusSign { throw .misplacedPlus }
            if scalar.isLetter { throw .letters(scalar) }
            if !scalar.isPhonePunctuation { throw .unexpectedCharacter(scalar) }
        }
        let twoBareDigits = !plusPrefixed && onlyDigits && digits.count == 2
        guard digits.count >= 3 || twoBareDigits else { throw .tooFewDigits(digits.count) }
        return (plusPrefixed, digits)
    }

    static func firstIndex(of needle: String, in text: ArraySlice<Unicode.Scalar>) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        guard text.count >= pattern.count else { return nil }
        var index = text.startIndex
        while index + pattern.count <= text.endIndex {
            if text[index] == pattern[0], text[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
