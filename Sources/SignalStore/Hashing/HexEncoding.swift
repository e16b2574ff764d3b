/// Lower-case hexadecimal text for digests, as every store writes them.
///
/// ```swift
/// HexEncoding.encode([0x0f, 0xa0])   // "0fa0"
/// ```
public enum HexEncoding {
    private static let digits = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hex, two characters per byte.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(64)
        for byte in bytes {
            utf8.append(digits[Int(byte >> 4)])
            utf8.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
