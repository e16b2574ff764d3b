import Crypto

extension StoreSecret {
    /// A 256-bit key for one purpose, derived with HKDF-SHA256; different
    /// purposes get unrelated keys, and the secret itself never leaves this type.
    ///
    /// ```swift
    /// let sealingKey = secret.derivedKey(for: HashPurpose("phone-sealing"))
    /// let box = try AES.GCM.seal(Array("+447700900123".utf8), using: sealingKey)
    /// ```
    /// - Parameter purpose: what the key is for.
    public func derivedKey(for purpose: HashPurpose) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key,
            salt: Array("phonerisk.keyed-hash.v1".utf8),
            info: Array(purpose.label.utf8),
            outputByteCount: 32
        )
    }
}
