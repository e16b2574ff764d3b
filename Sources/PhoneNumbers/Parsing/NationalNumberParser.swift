/// From written digits to calling code and national significant number:
/// libphonenumber's `parse` after the text stage (calling code extraction by
/// `+`, international prefix or the default region's code, then national
/// prefix stripping), step for step so the results agree.
struct NationalNumberParser {
    let tables: MetadataTables

    /// A calling code and the national significant number's digits.
    struct Result {
        let countryCode: Int
        let nationalDigits: [UInt8]
    }

    private static let shortestNationalNumber = 2
    private static let longestNationalNumber = 17

    func parse(_ written: WrittenNumber, defaultRegion: String?) throws(PhoneNumberParseError) -> Result {
        let defaultMetadata = defaultRegion.flatMap { tables.regionsByID[$0.uppercased()] }
        if defaultMetadata == nil && !written.plusPrefixed {
            if let defaultRegion, !defaultRegion.isEmpty { throw .unknownRegion(defaultRegion) }
            throw .missingRegion
        }
        var extracted: Result
        do {
            extracted = try extractCountryCode(written.digits, afterPlus: written.plusPrefixed, metadata: defaultMetadata)
        } catch where error.kind == .invalidCountryCode && written.plusPrefixed {
            // libphonenumber retries without the plus: "+00 44 …" still means 44 from a region dialling 00.
            extracted = try extractCountryCode(written.digits, afterPlus: false, metadata: defaultMetadata)
            if extracted.countryCode == 0 { throw error }
        }
        var countryCode = extracted.countryCode
        var national = extracted.nationalDigits
        let metadata: RegionMetadata?
        if countryCode != 0 {
            metadata = tables.mainRegion(callingCode: countryCode)
        } else {
            national = written.digits
            metadata = defaultMetadata
            countryCode = defaultMetadata?.countryCode ?? 0
        }
        guard national.count >= Self.shortestNationalNumber else { throw .tooShort }
        if let metadata {
            let stripped = stripNationalPrefix(national, metadata: metadata)
            switch metadata.lengthFit(of: stripped.count) {
            case .tooShort, .localOnly, .invalidLength:
                break
            case .possible, .tooLong:
                national = stripped
            }
        }
        guard national.count >= Self.shortestNationalNumber else { throw .tooShort }
        guard national.count <= Self.longestNationalNumber else { throw .tooLong }
        return Result(countryCode: countryCode, nationalDigits: national)
    }

    /// libphonenumber's `_maybe_extract_country_code`; calling code 0 means none was found.
    private func extractCountryCode(
        _ digits: [UInt8], afterPlus: Bool, metadata: RegionMetadata?
    ) throws(PhoneNumberParseError) -> Result {
        var number = digits
        var international = afterPlus
        if !afterPlus, let prefix = metadata?.internationalPrefix, let match = prefix.match(number) {
            // A calling code never starts with 0, so "00 0…" is not an international prefix.
            if match.length >= number.count || number[match.length] != 0 {
                number.removeFirst(match.length)
                international = true
            }
        }
        if international {
            guard number.count > Self.shortestNationalNumber else { throw .tooShortAfterPrefix }
            guard let found = leadingCallingCode(number) else { throw .invalidCountryCode(number) }
            return found
        }
        if let metadata {
            let code = String(metadata.countryCode).utf8.map { $0 &- 0x30 }
            if number.starts(with: code) {
                let potential = stripNationalPrefix(Array(number.dropFirst(code.count)), metadata: metadata)
                let betterWithoutCode = !metadata.matchesGeneralPattern(number) && metadata.matchesGeneralPattern(potential)
                if betterWithoutCode || metadata.lengthFit(of: number.count) == .tooLong {
                    return Result(countryCode: metadata.countryCode, nationalDigits: potential)
                }
            }
        }
        return Result(countryCode: 0, nationalDigits: [])
    }

    /// libphonenumber's `_extract_country_code`: the shortest known calling
    /// code of one to three leading digits.
    private func leadingCallingCode(_ number: [UInt8]) -> Result? {
        guard let first = number.first, first != 0 else { return nil }
        var code = 0
        for length in 1...min(3, number.count) {
            code = code * 10 + Int(number[length - 1])
            if !tables.regions(callingCode: code).isEmpty {
                return Result(countryCode: code, nationalDigits: Array(number.dropFirst(length)))
            }
        }
        return nil
    }

    /// libphonenumber's `_maybe_strip_national_prefix_carrier_code`: drops (or
    /// transforms) a national prefix unless that turns a number matching the
    /// general pattern into one that does not.
    private func stripNationalPrefix(_ number: [UInt8], metadata: RegionMetadata) -> [UInt8] {
        guard !number.isEmpty, let pattern = metadata.nationalPrefixForParsing, let match = pattern.match(number) else {
            return number
        }
        let viableOriginal = metadata.matchesGeneralPattern(number)
        let candidate: [UInt8]
        if let transform = metadata.nationalPrefixTransform, let lastGroup = match.groups.last, lastGroup != nil {
            candidate = transform.replacement(for: match, in: number) + number[match.length...]
        } else {
            candidate = Array(number[match.length...])
        }
        if viableOriginal && !metadata.matchesGeneralPattern(candidate) { return number }
        return candidate
    }
}
