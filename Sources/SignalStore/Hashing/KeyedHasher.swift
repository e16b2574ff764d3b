import Crypto
import Foundation

/// HMAC-SHA256 under a key derived (HKDF-SHA256) from the ``StoreSecret`` and
/// a ``HashPurpose``.
///
/// ```swift
/// let hasher = KeyedHasher(secret: secret, purpose: .phoneNumber)
/// let key = hasher.phoneNumberKey("+447700900123")   // PhoneNumberKey, 64 hex characters
/// let digest = hasher.hexDigest("123456")
/// hasher.matches("123456", hexDigest: digest)         // true, in constant time
/// ```
public struct KeyedHasher: Sendable {
    private let key: SymmetricKey

    /// Creates the hasher of one purpose.
    /// - Parameters:
    ///   - secret: the store secret.
    ///   - purpose: what this hasher hashes; each purpose gets its own key.
    public init(secret: StoreSecret, purpose: HashPurpose) {
        key = secret.derivedKey(for: purpose)
    }

    /// The raw 32-byte HMAC of `text`'s UTF-8 bytes.
    public func digest(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { Array(HMAC<SHA256>.authenticationCode(for: $0, using: key)) }
    }

    /// The HMAC of `text` as 64 lower-case hex characters.
    public func hexDigest(_ text: String) -> String {
        HexEncoding.encode(digest(text))
    }

    /// Whether `hexDigest` is the digest of `text`, compared in constant time.
    public func matches(_ text: String, hexDigest: String) -> Bool {
        let expected = Array(self.hexDigest(text).utf8)
        let given = Array(hexDigest.lowercased().utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices {
            difference |= expected[index] ^ given[index]
        }
        return difference == 0
    }

    /// The key under which a phone number is stored.
    /// - Parameter e164: the number in E.164 (`+447700900123`).
    public func phoneNumberKey(_ e164: String) -> PhoneNumberKey {
        PhoneNumberKey(hex: hexDigest(e164))
    }
}
