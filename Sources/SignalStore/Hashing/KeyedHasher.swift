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
    /// The HMAC with the key already absorbed (its inner and outer pads
    /// hashed), copied for each digest: deriving the pads again per call cost
    /// more than the message itself for a phone number.
    private let keyed: HMAC<SHA256>

    /// Creates the hasher of one purpose.
    /// - Parameters:
    ///   - secret: the store secret.
    ///   - purpose: what this hasher hashes; each purpose gets its own key.
    public init(secret: StoreSecret, purpose: HashPurpose) {
        keyed = HMAC<SHA256>(key: secret.derivedKey(for: purpose))
    }

    /// The raw 32-byte HMAC of `text`'s UTF-8 bytes.
    public func digest(_ text: String) -> [UInt8] {
        Array(authenticationCode(text))
    }

    /// The HMAC of `text` as 64 lower-case hex characters (as ``HexEncoding``
    /// writes them), written straight into the string's one allocation.
    public func hexDigest(_ text: String) -> String {
        authenticationCode(text).withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { utf8 in
                for (index, byte) in bytes.enumerated() {
                    utf8[2 * index] = Self.hexDigit(byte >> 4)
                    utf8[2 * index + 1] = Self.hexDigit(byte & 0x0f)
                }
                return bytes.count * 2
            }
        }
    }

    /// The lower-case hex digit of `nibble` (0...15), without a table lookup's bounds check.
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    private func authenticationCode(_ text: String) -> HashedAuthenticationCode<SHA256> {
        var mac = keyed
        var text = text
        text.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize()
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
