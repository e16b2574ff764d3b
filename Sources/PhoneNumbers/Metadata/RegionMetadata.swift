/// One region's (or one non-geographic calling code's) metadata, decoded
/// from the generated payload.
final class RegionMetadata: Sendable {
    /// ISO 3166-1 alpha-2 code, or "001" for a non-geographic calling code.
    let id: String
    let countryCode: Int
    /// libphonenumber's `same_mobile_and_fixed_line_pattern`.
    let sameMobileAndFixedLinePattern: Bool
    let internationalPrefix: PrefixPattern?
    let nationalPrefixForParsing: PrefixPattern?
    let nationalPrefixTransform: NationalPrefixTransform?
    /// Decides between regions sharing a calling code, before full validation.
    let leadingDigits: PrefixPattern?
    /// Possible lengths of the general description (bit n: n digits).
    let generalLengths: UInt32
    /// Lengths only diallable locally (bit n: n digits).
    let localOnlyLengths: UInt32
    /// For each length 0...17, the descriptions whose possible lengths include it.
    let descriptionsByLength: [UInt16]
    let automaton: DigitAutomaton

    init(
        id: String, countryCode: Int, sameMobileAndFixedLinePattern: Bool,
        internationalPrefix: PrefixPattern?, nationalPrefixForParsing: PrefixPattern?,
        nationalPrefixTransform: NationalPrefixTransform?, leadingDigits: PrefixPattern?,
        generalLengths: UInt32, localOnlyLengths: UInt32, descriptionsByLength: [UInt16],
        automaton: DigitAutomaton
    ) {
        self.id = id
        self.countryCode = countryCode
        self.sameMobileAndFixedLinePattern = sameMobileAndFixedLinePattern
        self.internationalPrefix = internationalPrefix
        self.nationalPrefixForParsing = nationalPrefixForParsing
        self.nationalPrefixTransform = nationalPrefixTransform
        self.leadingDigits = leadingDigits
        self.generalLengths = generalLengths
        self.localOnlyLengths = localOnlyLengths
        self.descriptionsByLength = descriptionsByLength
        self.automaton = automaton
    }
}
