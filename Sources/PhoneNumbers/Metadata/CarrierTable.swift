/// Original carriers of number ranges (libphonenumber's carrier data,
/// English names), looked up by the longest matching E.164 prefix.
struct CarrierTable: Sendable {
    /// Carrier names, referenced by index.
    let names: [String]
    /// Keyed by `prefix value * 16 + prefix length` so that prefixes of
    /// different lengths never collide.
    private let prefixes: [UInt64: UInt16]
    /// The longest prefix in the data.
    private let longestPrefix: Int

    init(names: [String], records: [Substring]) {
        var prefixes: [UInt64: UInt16] = [:]
        var longest = 0
        for record in records {
            for entry in record.split(separator: ",") {
                let parts = entry.split(separator: ":")
                let digits = parts[0].utf8.map { $0 &- 0x30 }
                prefixes[Self.key(digits[...])] = UInt16(parts[1])!
                longest = max(longest, digits.count)
            }
        }
        self.names = names
        self.prefixes = prefixes
        self.longestPrefix = longest
    }

    /// The carrier of the longest prefix of `+<countryCode><nationalDigits>`, nil when none.
    func name(countryCode: Int, nationalDigits: [UInt8]) -> String? {
        var digits: [UInt8] = String(countryCode).utf8.map { $0 &- 0x30 }
        digits.append(contentsOf: nationalDigits)
        var length = min(longestPrefix, digits.count)
        while length > 0 {
            if let index = prefixes[Self.key(digits[..<length])] {
                return names[Int(index)]
            }
            length -= 1
        }
        return nil
    }

    private static func key(_ digits: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for digit in digits {
            value = value &* 10 &+ UInt64(digit)
        }
        return value &* 16 &+ UInt64(digits.count)
    }
}
