/// A phone number as the store keeps it: the hex HMAC of its E.164 form.
///
/// Made by ``KeyedHasher/phoneNumberKey(_:)``; the type keeps a number in
/// clear from being passed where a key is expected.
public struct PhoneNumberKey: Sendable, Hashable, CustomStringConvertible {
    /// 64 lower-case hex characters.
    public let hex: String

    /// Wraps a digest read back from storage.
    /// - Parameter hex: a digest made by ``KeyedHasher/hexDigest(_:)``.
    public init(hex: String) {
        self.hex = hex
    }

    /// A readable description (never containing a secret or a phone number).
    public var description: String { hex }
}
