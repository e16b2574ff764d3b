import Foundation
import SignalStore

/// API keys: made once, stored only as a keyed hash, checked in constant time.
///
/// A key is `sk_test_` or `sk_live_` followed by 32 base-62 characters from
/// the CSPRNG (about 190 bits). The database keeps its first 16 characters
/// (the `prefix`, to recognise it in `keys list` and to find the row) and the
/// HMAC of the whole key under a key derived for this purpose alone.
///
/// ```swift
/// let keys = APIKeys(store: store)
/// let created = try await keys.create(mode: .test)    // print created.key once
/// let caller = await keys.authenticate("sk_test_…")   // Authentication? (id, mode)
/// ```
public struct APIKeys: Sendable {
    /// The hash purpose of API keys.
    static let purpose = HashPurpose("api-key")
    /// Characters after the mode prefix.
    static let secretLength = 32
    /// Characters of the key kept in clear (mode prefix included).
    static let displayedSecretLength = 8
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    private let store: any VerificationStore
    private let hasher: KeyedHasher
    private let clock: @Sendable () -> Date

    /// Manages the keys of `store`.
    ///
    /// - Parameters:
    ///   - store: the verification tables.
    ///   - clock: the time source, for tests.
    public init(store: any VerificationStore, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.hasher = store.hasher(for: Self.purpose)
        self.clock = clock
    }

    /// Makes a key of `mode`; the returned ``CreatedAPIKey/key`` is the only time it is ever available.
    public func create(mode: APIMode) async throws -> CreatedAPIKey {
        let key = mode.keyPrefix + SecureRandom.string(count: Self.secretLength, alphabet: Self.alphabet)
        let record = APIKeyRecord(
            id: UUID().uuidString.lowercased(), mode: mode.dataMode, prefix: Self.prefix(of: key),
            keyHash: hasher.hexDigest(key), createdAt: clock(), revokedAt: nil)
        try await store.write("create an API key") { tx in try tx.insertAPIKey(record) }
        return CreatedAPIKey(key: key, info: APIKeyInfo(record))
    }

    /// Every key, oldest first, without the keys themselves.
    public func list() async throws -> [APIKeyInfo] {
        try await store.read("list API keys") { tx in try tx.allAPIKeys() }.map(APIKeyInfo.init)
    }

    /// Revokes the key `id` (revoking a revoked key changes nothing) and answers it.
    ///
    /// - Throws: ``APIKeyError/unknownKey(id:)`` when no key has this id.
    public func revoke(id: String) async throws -> APIKeyInfo {
        let now = clock()
        let record = try await store.write("revoke an API key") { tx -> APIKeyRecord? in
            _ = try tx.revokeAPIKey(id: id.lowercased(), at: now)
            return try tx.apiKey(id: id.lowercased())
        }
        guard let record else { throw APIKeyError.unknownKey(id: id) }
        return APIKeyInfo(record)
    }

    /// The active key matching `bearer`, or nil when it is malformed, unknown or revoked.
    ///
    /// Every candidate's hash is compared in constant time; a database failure also answers nil
    /// (the caller answers 401, never 500, and the failure is the store's to report).
    ///
    /// - Parameter bearer: the text after `Bearer ` in the `Authorization` header.
    public func authenticate(_ bearer: String) async -> Authentication? {
        guard let mode = APIMode.allCases.first(where: { bearer.hasPrefix($0.keyPrefix) }) else { return nil }
        let secret = bearer.dropFirst(mode.keyPrefix.count)
        guard secret.count == Self.secretLength, secret.allSatisfy(Self.alphabet.contains) else { return nil }
        let prefix = Self.prefix(of: bearer)
        guard let candidates = try? await store.read("authenticate", { tx in try tx.apiKeys(prefix: prefix) }) else {
            return nil
        }
        var found: Authentication?
        for candidate in candidates where hasher.matches(bearer, hexDigest: candidate.keyHash) {
            if candidate.revokedAt == nil, candidate.mode == mode.dataMode {
                found = Authentication(keyID: candidate.id, mode: mode)
            }
        }
        return found
    }

    static func prefix(of key: String) -> String {
        let modeLength = key.hasPrefix(APIMode.live.keyPrefix) ? APIMode.live.keyPrefix.count : APIMode.test.keyPrefix.count
        return String(key.prefix(modeLength + displayedSecretLength))
    }
}

/// Who is calling: the id and mode of the key that authenticated the request.
public struct Authentication: Sendable, Hashable {
    /// The key's id (scopes idempotency keys).
    public let keyID: String
    /// The key's mode (scopes all data).
    public let mode: APIMode
}

/// A key just made: ``key`` is shown once and never stored.
public struct CreatedAPIKey: Sendable {
    /// The whole key, `sk_test_…` / `sk_live_…`.
    public let key: String
    /// What is stored about it.
    public let info: APIKeyInfo
}

/// What `keys list` shows about a key: never the key.
///
/// Encodes as `{"id", "mode", "prefix", "created_at", "revoked", "revoked_at"}`.
public struct APIKeyInfo: Sendable, Hashable, Encodable {
    /// The key's id, for `keys revoke`.
    public let id: String
    /// Its mode.
    public let mode: APIMode
    /// Its first characters, e.g. `sk_test_AbCd1234`.
    public let prefix: String
    /// Creation time.
    public let createdAt: Date
    /// Revocation time, nil while active.
    public let revokedAt: Date?

    init(_ record: APIKeyRecord) {
        id = record.id
        mode = record.mode == .live ? .live : .test
        prefix = record.prefix
        createdAt = record.createdAt
        revokedAt = record.revokedAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, mode, prefix
        case createdAt = "created_at"
        case revoked
        case revokedAt = "revoked_at"
    }

    /// Encodes the object exactly as API.md shows it: every documented field, `null` when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(mode, forKey: .mode)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(APITimestamp.string(createdAt), forKey: .createdAt)
        try container.encode(revokedAt != nil, forKey: .revoked)
        try container.encode(revokedAt.map(APITimestamp.string), forKey: .revokedAt)
    }
}

/// Failures of key management commands.
public enum APIKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No key has this id.
    case unknownKey(id: String)

    /// A message for people, naming what was wrong.
    public var description: String {
        switch self {
        case .unknownKey(let id): "no API key with id '\(id)'"
        }
    }
}
