import Crypto
import Foundation

/// Seals personal data the service must show again (phone numbers, profiles,
/// request context) with AES-GCM under a key derived from the ``StoreSecret``,
/// so the database file never holds them in clear.
///
/// ```swift
/// let sealer = VerificationDataSealer(secret: secret)
/// let box = try sealer.seal("+447700900123")
/// try sealer.openString(box)   // "+447700900123"
/// ```
public struct VerificationDataSealer: Sendable {
    private let key: SymmetricKey

    /// Derives the sealing key from the store secret.
    ///
    /// - Parameter secret: the store secret.
    public init(secret: StoreSecret) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret.key,
            salt: Array("phonerisk.sealed-data.v1".utf8),
            info: Array("verification-data".utf8),
            outputByteCount: 32
        )
    }

    /// Seals `text` (nonce, ciphertext and tag in one blob).
    public func seal(_ text: String) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(Data(text.utf8), using: key).combined else {
                throw SignalStoreError.databaseFailure(operation: "seal", reason: "AES-GCM gave no combined form")
            }
            return combined
        } catch let error as SignalStoreError {
            throw error
        } catch {
            throw SignalStoreError.databaseFailure(operation: "seal", reason: String(describing: error))
        }
    }

    /// Opens a blob made by ``seal(_:)``.
    ///
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` when the blob was
    ///   tampered with or sealed under another secret.
    public func openString(_ sealed: Data) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
        } catch {
            throw SignalStoreError.databaseFailure(
                operation: "open sealed data",
                reason: "the data cannot be opened with this secret (was PHONERISK_SECRET or the secret file changed?)")
        }
    }

    /// Seals a value as JSON.
    public func seal(json value: some Encodable) throws -> Data {
        let data = try JSONEncoder().encode(value)
        return try seal(String(decoding: data, as: UTF8.self))
    }

    /// Opens a JSON value sealed by ``seal(json:)``.
    public func open<T: Decodable>(json type: T.Type, from sealed: Data) throws -> T {
        let text = try openString(sealed)
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw SignalStoreError.databaseFailure(operation: "decode sealed data", reason: String(describing: error))
        }
    }
}
