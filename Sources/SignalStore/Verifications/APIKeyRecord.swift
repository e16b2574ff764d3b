import Foundation

/// An API key as stored: never the key, only its keyed hash and a display prefix.
public struct APIKeyRecord: Sendable, Hashable {
    /// The key's id (lower-case UUID), used by `keys revoke`.
    public var id: String
    /// The mode the key grants.
    public var mode: DataMode
    /// The key's first characters (`sk_test_AbCd`), to recognise it and to find candidates.
    public var prefix: String
    /// The keyed hash of the whole key (hex).
    public var keyHash: String
    /// Creation time.
    public var createdAt: Date
    /// Revocation time, nil while active.
    public var revokedAt: Date?

    /// Builds a record.
    ///
    /// - Parameters:
    ///   - id: the key's id.
    ///   - mode: its mode.
    ///   - prefix: its display prefix.
    ///   - keyHash: the keyed hash of the key.
    ///   - createdAt: creation time.
    ///   - revokedAt: revocation time.
    public init(id: String, mode: DataMode, prefix: String, keyHash: String, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.mode = mode
        self.prefix = prefix
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
