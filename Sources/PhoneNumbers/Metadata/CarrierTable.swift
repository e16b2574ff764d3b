/// Original carriers of number ranges (libphonenumber's carrier data,
/// English names), looked up by the longest matching E.164 prefix.
struct CarrierTable: Sendable {
    /// Carrier names, referenced by index.
    let names: [String]
    /// Keyed by `prefix value * 32 + prefix length` so that prefixes of
    /// different lengths never collide.
    private let prefixes: [UInt64: UInt16]
    /// Per calling code (0...999), bit n set when some prefix has n digits in
    /// all, so a lookup probes only lengths that exist.
    private let lengthsByCallingCode: [UInt32]

    init(names: [String], records: [Substring]) {
        var prefixes: [UInt64: UInt16] = [:]
        var lengths = [UInt32](repeating: 0, count: 1000)
        for record in records {
            for entry in record.split(separator: ",") {
                let parts = entry.split(separator: ":")
                let digits = parts[0].utf8.map { UInt64($0 &- 0x30) }
                let value = digits.reduce(0) { $0 * 10 + $1 }
                prefixes[Self.key(value: value, length: digits.count)] = UInt16(parts[1])!
                // Calling codes are prefix-free, so exactly one of the first three digits' values is the code.
                for codeLength in 1...min(3, digits.count) {
                    let code = Int(digits.prefix(codeLength).reduce(0) { $0 * 10 + $1 })
                    lengths[code] |= 1 << UInt32(digits.count)
                }
            }
        }
        self.names = names
        self.prefixes = prefixes
        self.lengthsByCallingCode = lengths
    }

    /// The carrier of the longest prefix of `+<countryCode><nationalDigits>`, nil when none.
    func name(countryCode: Int, nationalDigits: [UInt8]) -> String? {
        guard countryCode > 0, countryCode < lengthsByCallingCode.count else { return nil }
        var lengths = lengthsByCallingCode[countryCode]
        guard lengths != 0 else { return nil }
        var codeLength = 0
        var code = countryCode
        while code > 0 {
            codeLength += 1
            code /= 10
        }
        // The value of the longest candidate prefix, then shorter ones by division.
        let total = codeLength + nationalDigits.count
        var length = min(31 - lengths.leadingZeroBitCount, total)
        lengths &= length == 31 ? .max : (1 << UInt32(length + 1)) - 1
        var value = UInt64(countryCode)
        for digit in nationalDigits.prefix(max(0, length - codeLength)) {
            value = value * 10 + UInt64(digit)
        }
        while length > 0 {
            if lengths & (1 << UInt32(length)) != 0, let index = prefixes[Self.key(value: value, length: length)] {
                return names[Int(index)]
            }
            value /= 10
            length -= 1
        }
        return nil
    }

    private static func key(value: UInt64, length: Int) -> UInt64 {
        value &* 32 &+ UInt64(length)
    }
}
