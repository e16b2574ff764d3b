// The character classes libphonenumber's parser uses, as scalar tests.
extension Unicode.Scalar {
    /// The value of a decimal digit in any script (libphonenumber accepts
    /// full-width and Arabic-Indic digits too), nil for anything else.
    @inline(__always)
    var decimalDigitValue: UInt8? {
        if value >= 0x30 && value <= 0x39 { return UInt8(value - 0x30) }
        guard value > 0x7F, properties.numericType == .decimal, let numeric = properties.numericValue else { return nil }
        return UInt8(numeric)
    }

    /// `+` or the full-width plus.
    var isPlusSign: Bool { value == 0x2B || value == 0xFF0B }

    /// libphonenumber's `_VALID_PUNCTUATION` (less the letter `x`, which this
    /// parser treats as a letter) plus `*`.
    var isPhonePunctuation: Bool {
        switch value {
        case 0x2D, 0x20, 0x28, 0x29, 0x2E, 0x5B, 0x5D, 0x2F, 0x7E, 0x2A,  // - space ( ) . [ ] / ~ *
             0x2010...0x2015, 0x2212, 0x30FC, 0xFF0D...0xFF0F,
             0x00A0, 0x00AD, 0x200B, 0x2060, 0x3000, 0xFF08, 0xFF09, 0xFF3B, 0xFF3D,
             0x2053, 0x223C, 0xFF5E:
            return true
        default:
            return false
        }
    }

    /// A letter of any script (the katakana length mark U+30FC, alphabetic in
    /// Unicode, is punctuation in phone numbers).
    var isLetter: Bool { properties.isAlphabetic && decimalDigitValue == nil && !isPhonePunctuation }

    /// Python's `\w` (letters, numbers, underscore), which decides what
    /// trailing characters libphonenumber trims.
    var isWordCharacter: Bool {
        value == 0x5F || properties.isAlphabetic || properties.numericType != nil
    }

    /// Lower-case for the scripts extension labels are written in (ASCII,
    /// Cyrillic, full-width Latin); other scalars unchanged.
    var labelFolded: Unicode.Scalar {
        switch value {
        case 0x41...0x5A, 0x410...0x42F, 0xFF21...0xFF3A:
            return Unicode.Scalar(value + 0x20)!
        default:
            return self
        }
    }
}
