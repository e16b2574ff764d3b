// Record layout of the generated payload, one record a line, fields split by `|`:
//   C|<code>:<region>,<region> ...          calling codes, main region first
//   P|<index>|<alternative> ...             prefix patterns; an alternative is
//                                           3 hex digits per digit set, `$` if
//                                           anchored, `/`, group spans `s-e` or `-`
//   R|<id>|<code>|<same mobile/fixed 0|1>|<international prefix>|<national prefix>|
//     <transform>|<leading digits>|<local-only lengths>|<11 length masks>|<accepts>|<rows>
//                                           a region; pattern fields are `P` indexes
//                                           or `-`; rows are `;`-separated lists of
//                                           `<digit mask>:<target>`
//   N|<name>|<name>...                      carrier names
//   K|<prefix>:<name index>,...             carrier prefixes (E.164 digits)
// The payload is generated and checked by tests; a malformed one is a build
// defect, not an input error, so decoding stops with a precondition failure.

extension MetadataTables {
    convenience init(payload: String) {
        var prefixPatterns: [Int: PrefixPattern] = [:]
        var regionLines: [Substring] = []
        var callingCodes: [(Int, [String])] = []
        var carrierNames: [String] = []
        var carrierLines: [Substring] = []
        for line in payload.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
            switch fields[0] {
            case "C":
                callingCodes = Self.decodeCallingCodes(fields[1])
            case "P":
                prefixPatterns[Self.integer(fields[1])] = Self.decodePrefixPattern(fields[2])
            case "R":
                regionLines.append(line)
            case "N":
                carrierNames = fields.dropFirst().map(String.init)
            case "K":
                carrierLines.append(fields[1])
            default:
                preconditionFailure("phone metadata: unknown record \(fields[0])")
            }
        }
        var regionsByID: [String: RegionMetadata] = [:]
        var nonGeographic: [Int: RegionMetadata] = [:]
        for line in regionLines {
            let region = Self.decodeRegion(line, prefixPatterns: prefixPatterns)
            if region.id == "001" {
                nonGeographic[region.countryCode] = region
            } else {
                regionsByID[region.id] = region
            }
        }
        var byCode = [[RegionMetadata]](repeating: [], count: 1000)
        for (code, ids) in callingCodes {
            byCode[code] = ids.map { id in
                guard let region = id == "001" ? nonGeographic[code] : regionsByID[id] else {
                    preconditionFailure("phone metadata: calling code \(code) names missing region \(id)")
                }
                return region
            }
        }
        self.init(
            regionsByID: regionsByID, regionsByCallingCode: byCode,
            carriers: CarrierTable(names: carrierNames, records: carrierLines))
    }

    private static func decodeCallingCodes(_ field: Substring) -> [(Int, [String])] {
        field.split(separator: " ").map { entry in
            let parts = entry.split(separator: ":")
            return (integer(parts[0]), parts[1].split(separator: ",").map(String.init))
        }
    }

    static func decodePrefixPattern(_ field: Substring) -> PrefixPattern {
        let alternatives = field.split(separator: " ").map { text -> PrefixPattern.Alternative in
            let halves = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            var setsText = halves[0]
            let anchored = setsText.hasSuffix("$")
            if anchored { setsText = setsText.dropLast() }
            let utf8 = Array(setsText.utf8)
            let sets = stride(from: 0, to: utf8.count, by: 3).map { start in
                UInt16(String(decoding: utf8[start..<start + 3], as: UTF8.self), radix: 16)!
            }
            let groups = halves[1].split(separator: ",").map { span -> Range<Int>? in
                guard span != "-" else { return nil }
                let bounds = span.split(separator: "-")
                return integer(bounds[0])..<integer(bounds[1])
            }
            return PrefixPattern.Alternative(sets: sets, anchored: anchored, groups: groups)
        }
        return PrefixPattern(alternatives: alternatives)
    }

    private static func decodeRegion(_ line: Substring, prefixPatterns: [Int: PrefixPattern]) -> RegionMetadata {
        let fields = line.split(separator: "|", omittingEmptySubsequences: false)
        precondition(fields.count == 12, "phone metadata: region record with \(fields.count) fields")
        func pattern(_ field: Substring) -> PrefixPattern? {
            field == "-" ? nil : prefixPatterns[integer(field)]
        }
        let lengthMasks = fields[9].split(separator: ",").map { $0 == "-" ? nil : UInt32($0, radix: 16)! }
        precondition(lengthMasks.count == NumberDescription.allCases.count, "phone metadata: length masks")
        let descriptionsByLength = (0...17).map { length -> UInt16 in
            var present: UInt16 = 0
            for (bit, mask) in lengthMasks.enumerated() where mask.map({ $0 & (1 << UInt32(length)) != 0 }) == true {
                present |= 1 << UInt16(bit)
            }
            return present
        }
        let accepts = fields[10].split(separator: ",").map { UInt16($0, radix: 16)! }
        var transitions = [UInt16](repeating: 0, count: accepts.count * 10)
        let rows = fields[11].split(separator: ";", omittingEmptySubsequences: false)
        precondition(rows.count == accepts.count, "phone metadata: automaton rows")
        for (state, row) in rows.enumerated() {
            for entry in row.split(separator: ",") {
                let parts = entry.split(separator: ":")
                let digits = UInt16(parts[0], radix: 16)!
                let target = UInt16(parts[1])!
                for digit in 0..<10 where digits & (1 << UInt16(digit)) != 0 {
                    transitions[state * 10 + digit] = target
                }
            }
        }
        return RegionMetadata(
            id: String(fields[1]),
            countryCode: integer(fields[2]),
            sameMobileAndFixedLinePattern: fields[3] == "1",
            internationalPrefix: pattern(fields[4]),
            nationalPrefixForParsing: pattern(fields[5]),
            nationalPrefixTransform: decodeTransform(fields[6]),
            leadingDigits: pattern(fields[7]),
            generalLengths: lengthMasks[0] ?? 0,
            localOnlyLengths: UInt32(fields[8], radix: 16)!,
            descriptionsByLength: descriptionsByLength,
            automaton: DigitAutomaton(transitions: transitions, accepts: accepts))
    }

    private static func decodeTransform(_ field: Substring) -> NationalPrefixTransform? {
        guard field != "-" else { return nil }
        var pieces: [NationalPrefixTransform.Piece] = []
        var groupReference = false
        for byte in field.utf8 {
            if byte == UInt8(ascii: "$") {
                groupReference = true
            } else if groupReference {
                pieces.append(.group(Int(byte - 0x30)))
                groupReference = false
            } else {
                pieces.append(.digit(byte - 0x30))
            }
        }
        return NationalPrefixTransform(pieces: pieces)
    }

    static func integer(_ text: Substring) -> Int {
        guard let value = Int(text) else { preconditionFailure("phone metadata: bad number \(text)") }
        return value
    }
}
