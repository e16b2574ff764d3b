import Crypto
import Foundation

/// The secret behind every keyed hash (phone-number keys, code hashes, API-key
/// hashes). It lives outside the database: `PHONERISK_SECRET`, else a file
/// made with mode 0600 beside the database on first use.
///
/// Its description is redacted, so interpolating it into a log line or an
/// error never reveals it.
///
/// ```swift
/// let secret = try StoreSecret.resolve(forDatabaseAt: "phonerisk.sqlite")
/// let hasher = KeyedHasher(secret: secret, purpose: .phoneNumber)
/// ```
public struct StoreSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable that supplies the secret.
    public static let environmentVariable = "PHONERISK_SECRET"
    /// The fewest bytes a secret may have (256 bits).
    public static let minimumByteCount = 32

    /// The secret as key material for HMAC and HKDF.
    let key: SymmetricKey

    /// Creates a secret from raw bytes.
    /// - Parameters:
    ///   - bytes: at least ``minimumByteCount`` bytes.
    ///   - source: where the bytes came from, for the error message.
    /// - Throws: ``SignalStoreError/secretTooShort(source:byteCount:)``.
    public init(bytes: some Collection<UInt8>, source: String = "the caller") throws {
        guard bytes.count >= Self.minimumByteCount else {
            throw SignalStoreError.secretTooShort(source: source, byteCount: bytes.count)
        }
        key = SymmetricKey(data: Array(bytes))
    }

    /// Creates a secret from text (its UTF-8 bytes, surrounding whitespace removed).
    /// - Parameters:
    ///   - text: at least ``minimumByteCount`` bytes once trimmed.
    ///   - source: where the text came from, for the error message.
    public init(text: String, source: String = "the caller") throws {
        try self.init(bytes: Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8), source: source)
    }

    /// The secret for the database at `databasePath`: `PHONERISK_SECRET` when
    /// set, else the secret file beside the database, created on first use.
    /// - Parameters:
    ///   - databasePath: the SQLite file the secret belongs to.
    ///   - environment: where `PHONERISK_SECRET` is looked up.
    public static func resolve(
        forDatabaseAt databasePath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StoreSecret {
        if let text = environment[environmentVariable] {
            return try StoreSecret(text: text, source: environmentVariable)
        }
        return try SecretFile(path: secretFilePath(forDatabaseAt: databasePath)).loadOrCreate()
    }

    /// Where the secret file of the database at `databasePath` lives: the same
    /// path with `.secret` appended.
    public static func secretFilePath(forDatabaseAt databasePath: String) -> String {
        databasePath + ".secret"
    }

    /// A readable description that never reveals the secret.
    public var description: String { "StoreSecret(redacted)" }
    /// A readable description (never containing a secret or a phone number).
    public var debugDescription: String { description }
}
