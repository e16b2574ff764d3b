extension SignalDecoder {
    /// The value of an integer's text (`-`? digits), or nil when it does not fit in 64 bits,
    /// exactly as `Int64(String)` reads it.
    static func integer(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        let negative = text[0] == UInt8(ascii: "-")
        var value: Int64 = 0
        if count <= 18 {
            // At most 18 digits cannot overflow: no checks per digit.
            for index in (negative ? 1 : 0)..<count { value = value &* 10 &+ Int64(text[index] &- 0x30) }
            return negative ? 0 &- value : value
        }
        for index in (negative ? 1 : 0)..<count {
            let digit = Int64(text[index] &- 0x30)
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            // Accumulating negative values reaches Int64.min, which has no positive counterpart.
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflow || carry { return nil }
            value = next
        }
        return value
    }

    /// A number's value when it is exact by one correctly rounded division (at most 15
    /// significant digits, at most 22 after the point, no exponent), so it equals what
    /// `Double(String)` gives; nil otherwise, for the caller to parse the text.
    static func double(_ text: UnsafePointer<UInt8>, _ count: Int, integral: Bool) -> Double? {
        let negative = text[0] == UInt8(ascii: "-")
        var mantissa: Int64 = 0
        var digits = 0
        var decimals = 0
        var afterPoint = false
        for index in (negative ? 1 : 0)..<count {
            let c = text[index]
            if c == UInt8(ascii: ".") { afterPoint = true; continue }
            guard c &- 0x30 < 10 else { return nil }
            mantissa = mantissa * 10 + Int64(c &- 0x30)
            if mantissa != 0 { digits += 1 }
            if afterPoint { decimals += 1 }
            if digits > 15 || decimals > 22 { return nil }
        }
        let magnitude = Double(mantissa) / powersOfTen[decimals]
        return negative ? -magnitude : magnitude
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// `"90s"`, `"15m"`, `"36h"`, `"7d"`: digits and one unit, as whole seconds; nil when
    /// malformed or too large. Any byte outside ASCII makes it malformed.
    static func durationSeconds(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        guard count >= 2 else { return nil }
        let multiplier: Int64
        switch text[count - 1] {
        case UInt8(ascii: "s"): multiplier = 1
        case UInt8(ascii: "m"): multiplier = 60
        case UInt8(ascii: "h"): multiplier = 3600
        case UInt8(ascii: "d"): multiplier = 86_400
        default: return nil
        }
        var value: Int64 = 0
        for index in 0..<(count - 1) {
            let digit = text[index] &- 0x30
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, carry) = shifted.addingReportingOverflow(Int64(digit))
            if overflow || carry { return nil }
            value = next
        }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : seconds
    }
}
