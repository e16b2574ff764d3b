extension RegionMetadata {
    /// libphonenumber's `_number_type_helper`: the first description (in its
    /// priority order) whose lengths and pattern both fit the national number.
    func type(of nationalDigits: [UInt8]) -> PhoneNumberType {
        let length = nationalDigits.count
        guard length < descriptionsByLength.count else { return .unknown }
        let matched = automaton.acceptMask(nationalDigits) & descriptionsByLength[length]
        func has(_ description: NumberDescription) -> Bool { matched & description.bit != 0 }
        guard has(.general) else { return .unknown }
        if has(.premiumRate) { return .premiumRate }
        if has(.tollFree) { return .tollFree }
        if has(.sharedCost) { return .sharedCost }
        if has(.voip) { return .voip }
        if has(.personalNumber) { return .personalNumber }
        if has(.pager) { return .pager }
        if has(.uan) { return .uan }
        if has(.voicemail) { return .voicemail }
        if has(.fixedLine) {
            return sameMobileAndFixedLinePattern || has(.mobile) ? .fixedLineOrMobile : .fixedLine
        }
        if !sameMobileAndFixedLinePattern && has(.mobile) { return .mobile }
        return .unknown
    }

    /// Whether the general pattern alone (no length check) matches the whole
    /// number: libphonenumber's `_match_national_number` on the general description.
    func matchesGeneralPattern(_ digits: [UInt8]) -> Bool {
        automaton.acceptMask(digits) & NumberDescription.general.bit != 0
    }

    /// libphonenumber's `_test_number_length` against the general description.
    func lengthFit(of length: Int) -> LengthFit {
        if length < 32 && localOnlyLengths & (1 << UInt32(length)) != 0 { return .localOnly }
        let shortest = generalLengths.trailingZeroBitCount
        let longest = 31 - generalLengths.leadingZeroBitCount
        if length == shortest { return .possible }
        if length < shortest { return .tooShort }
        if length > longest { return .tooLong }
        return generalLengths & (1 << UInt32(length)) != 0 ? .possible : .invalidLength
    }
}

/// How a national number's length fits a region (libphonenumber's `ValidationResult`).
enum LengthFit {
    case possible, localOnly, tooShort, tooLong, invalidLength
}
