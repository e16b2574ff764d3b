extension PhoneNumberMetadata {
    /// The ITU calling code of a geographic region.
    ///
    /// ```swift
    /// PhoneNumberMetadata.callingCode(ofRegion: "GB")   // 44
    /// ```
    ///
    /// - Parameter region: An ISO 3166-1 alpha-2 code (any case).
    /// - Returns: The calling code, or nil for a region without metadata.
    public static func callingCode(ofRegion region: String) -> Int? {
        MetadataTables.shared.regionsByID[region.uppercased()]?.countryCode
    }

    /// A random number that the metadata classifies as `type` in `region`, drawn by walking the
    /// region's digit automaton along the paths of that type's pattern: what a simulation or a
    /// fuzzer needs to make realistic valid numbers without a list of examples.
    ///
    /// ```swift
    /// var generator = SystemRandomNumberGenerator()
    /// let number = PhoneNumberMetadata.randomNumber(region: "FR", type: .mobile, using: &generator)
    /// number?.type   // .mobile
    /// ```
    ///
    /// `.mobile` also returns numbers of `fixed_line_or_mobile` ranges where the region does not
    /// tell the two apart (the USA, Canada). Every result parses back to a valid number of the
    /// region; a type the region has no numbers of returns nil.
    ///
    /// - Parameters:
    ///   - region: An ISO 3166-1 alpha-2 code, or `"001"` with `callingCode` for a non-geographic range.
    ///   - callingCode: For `"001"`: which non-geographic calling code (882, 883…); ignored otherwise.
    ///   - type: The number type wanted.
    ///   - generator: The source of randomness (a seeded one makes the draw repeatable).
    /// - Returns: The number, or nil when the region has no number of that type.
    public static func randomNumber(
        region: String, callingCode: Int? = nil, type: PhoneNumberType, using generator: inout some RandomNumberGenerator
    ) -> PhoneNumber? {
        let tables = MetadataTables.shared
        let metadata: RegionMetadata?
        if region == "001" {
            metadata = callingCode.flatMap { code in tables.regions(callingCode: code).first { $0.id == "001" } }
        } else {
            metadata = tables.regionsByID[region.uppercased()]
        }
        guard let metadata, let description = NumberDescription(sampling: type) else { return nil }
        let walker = AutomatonWalker(region: metadata, description: description)
        guard !walker.lengths.isEmpty else { return nil }
        for _ in 0..<64 {
            let length = walker.lengths.randomElement(using: &generator)!
            let digits = walker.walk(length: length, using: &generator)
            let number = PhoneNumber(countryCode: metadata.countryCode, nationalDigits: digits, tables: tables)
            let wanted = number.type == type || (type == .mobile && number.type == .fixedLineOrMobile)
            if wanted && (region == "001" || number.region == metadata.id) { return number }
        }
        return nil
    }
}

extension NumberDescription {
    /// The pattern whose numbers have `type`.
    init?(sampling type: PhoneNumberType) {
        switch type {
        case .mobile, .fixedLineOrMobile: self = .mobile
        case .fixedLine: self = .fixedLine
        case .tollFree: self = .tollFree
        case .premiumRate: self = .premiumRate
        case .sharedCost: self = .sharedCost
        case .voip: self = .voip
        case .personalNumber: self = .personalNumber
        case .pager: self = .pager
        case .uan: self = .uan
        case .voicemail: self = .voicemail
        case .unknown: return nil
        }
    }
}

/// Random walks through a region's automaton that end where one description matches in full.
private struct AutomatonWalker {
    let automaton: DigitAutomaton
    let bit: UInt16
    /// The national lengths both the description and the automaton allow.
    let lengths: [Int]
    /// `reachable[length][state]`: whether `length` more digits can lead from `state` to a match.
    private let reachable: [[Bool]]

    init(region: RegionMetadata, description: NumberDescription) {
        let automaton = region.automaton
        let bit = description.bit | NumberDescription.general.bit
        self.automaton = automaton
        self.bit = bit
        let states = automaton.accepts.count
        var reachable = [automaton.accepts.map { $0 & bit == bit }]
        let longest = region.descriptionsByLength.count - 1
        for step in 1...max(1, longest) {
            let previous = reachable[step - 1]
            reachable.append((0..<states).map { state in
                state != 0 && (0..<10).contains { previous[Int(automaton.transitions[state * 10 + $0])] }
            })
        }
        self.reachable = reachable
        lengths = (1...max(1, longest)).filter { length in
            length < region.descriptionsByLength.count
                && region.descriptionsByLength[length] & description.bit != 0 && reachable[length][1]
        }
    }

    /// Digits of exactly `length` that end in a matching state.
    func walk(length: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var state = 1
        var digits: [UInt8] = []
        for remaining in stride(from: length - 1, through: 0, by: -1) {
            let choices = (0..<10).filter { reachable[remaining][Int(automaton.transitions[state * 10 + $0])] }
            let digit = choices.randomElement(using: &generator)!
            digits.append(UInt8(digit))
            state = Int(automaton.transitions[state * 10 + digit])
        }
        return digits
    }
}
