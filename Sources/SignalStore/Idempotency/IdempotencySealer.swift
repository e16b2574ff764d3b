import Crypto
import Foundation

/// The keyed hashes and the sealing every idempotency store shares: keys and
/// request bodies are kept as HMACs under the store secret, and kept answers
/// are sealed with AES-GCM, so the database never holds them in clear.
///
/// ```swift
/// let sealer = IdempotencySealer(secret: secret)
/// let stored = try sealer.seal(response.body)
/// try sealer.open(stored) == response.body   // true
/// ```
public struct IdempotencySealer: Sendable {
    private let hashingKey: SymmetricKey
    private let sealingKey: SymmetricKey

    /// Derives the hashing and sealing keys from the store secret.
    ///
    /// - Parameter secret: the store secret.
    public init(secret: StoreSecret) {
        hashingKey = secret.derivedKey(for: HashPurpose("idempotency-request"))
        sealingKey = secret.derivedKey(for: HashPurpose("idempotency-response"))
    }

    /// The stored form of the scope's idempotency key.
    public func keyHash(_ scope: IdempotencyScope) -> String {
        hexDigest(Array(scope.key.utf8))
    }

    /// The stored form of a request body, compared with later requests' bodies.
    public func requestHash(_ body: some Sequence<UInt8>) -> String {
        hexDigest(Array(body))
    }

    /// Seals a kept answer's body.
    ///
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` if sealing fails.
    public func seal(_ body: [UInt8]) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(body, using: sealingKey).combined else {
                throw SignalStoreError.databaseFailure(operation: "idempotency seal", reason: "AES-GCM gave no combined form")
            }
            return combined
        } catch let error as SignalStoreError {
            throw error
        } catch {
            throw SignalStoreError.databaseFailure(operation: "idempotency seal", reason: String(describing: error))
        }
    }

    /// Opens a kept answer's body.
    ///
    /// - Throws: ``SignalStoreError/databaseFailure(operation:reason:)`` when the secret does not open it.
    public func open(_ sealed: Data) throws -> [UInt8] {
        do {
            return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: sealingKey))
        } catch {
            throw SignalStoreError.databaseFailure(
                operation: "idempotency open",
                reason: "the stored answer cannot be opened with this secret (was PHONERISK_SECRET or the secret file changed?)")
        }
    }

    private func hexDigest(_ bytes: [UInt8]) -> String {
        HexEncoding.encode(HMAC<SHA256>.authenticationCode(for: bytes, using: hashingKey))
    }
}
