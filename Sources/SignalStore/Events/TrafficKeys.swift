/// The traffic counter keys of one number besides its country: its prefix, its
/// block and its carrier network. Computed here and nowhere else, from the
/// number's E.164 and calling code, so the recording and the counting sides
/// always agree.
///
/// - prefix: `+` + calling code + the first 3 digits of the national
///   significant number (fewer when it is shorter), kept in clear (`+44770`);
/// - block: the E.164 less its last 3 digits, kept only as its keyed hash
///   (``HashPurpose/numberBlock``);
/// - network: `MCC-MNC` when both are known.
///
/// ```swift
/// let keys = TrafficKeys(e164: "+447700900123", callingCode: 44, network: "234-10",
///                        blockHasher: KeyedHasher(secret: secret, purpose: .numberBlock))
/// keys.prefix    // "+44770"
/// keys.network   // "234-10"
/// ```
public struct TrafficKeys: Sendable, Hashable {
    /// `+`, the calling code and up to 3 national digits.
    public let prefix: String
    /// The keyed hash of the number's block, 64 lower-case hex characters.
    public let blockHash: String
    /// `MCC-MNC`, or nil when the carrier's network is not known.
    public let network: String?

    /// Computes the keys of a number.
    /// - Parameters:
    ///   - e164: the number in E.164 (`+447700900123`).
    ///   - callingCode: its ITU calling code (`44`); the national significant number is what follows it.
    ///   - network: `MCC-MNC` from a carrier lookup, nil when unknown.
    ///   - blockHasher: a hasher of purpose ``HashPurpose/numberBlock``.
    public init(e164: String, callingCode: Int, network: String?, blockHasher: KeyedHasher) {
        let code = String(callingCode)
        let digits = e164.utf8.first == UInt8(ascii: "+") ? e164.dropFirst() : Substring(e164)
        let national = digits.hasPrefix(code) ? digits.dropFirst(code.count) : digits
        prefix = "+" + code + national.prefix(3)
        blockHash = blockHasher.hexDigest(String(e164.dropLast(3)))
        self.network = network
    }

    /// Builds the network key from a carrier's mobile country and network codes.
    /// - Returns: `MCC-MNC`, or nil unless both are known and not empty.
    public static func network(mcc: String?, mnc: String?) -> String? {
        guard let mcc, let mnc, !mcc.isEmpty, !mnc.isEmpty else { return nil }
        return mcc + "-" + mnc
    }
}

/// The counter rows' `key` column: a one-letter namespace and the key, so the
/// four kinds of key share one table and index.
package enum TrafficCounterKey {
    package static func country(_ country: String) -> String { "c:" + country }
    package static func prefix(_ prefix: String) -> String { "p:" + prefix }
    package static func block(_ blockHash: String) -> String { "b:" + blockHash }
    package static func network(_ network: String) -> String { "n:" + network }

    /// Every key an event with `country` and `traffic` is counted under.
    package static func all(country: String, traffic: TrafficKeys?) -> [String] {
        guard let traffic else { return [Self.country(country)] }
        var keys = [Self.country(country), prefix(traffic.prefix), block(traffic.blockHash)]
        if let network = traffic.network { keys.append(Self.network(network)) }
        return keys
    }
}
