import Foundation

/// What a cache entry is about: one number (as its keyed hash), one kind,
/// one source. The source keeps sandbox fixtures and live data apart.
public struct SignalCacheKey: Sendable, Hashable {
    /// The number's keyed hash; the number itself is never a key.
    public var phone: PhoneNumberKey
    /// The kind of data.
    public var kind: SignalKind
    /// The source that answered (`"twilio"`, `"sandbox"`, …).
    public var source: String

    /// Creates a key.
    /// - Parameters:
    ///   - phone: the number's keyed hash.
    ///   - kind: the kind of data.
    ///   - source: the source's stable name.
    public init(phone: PhoneNumberKey, kind: SignalKind, source: String) {
        self.phone = phone
        self.kind = kind
        self.source = source
    }
}

/// One stored cache entry: an encoded answer, or a remembered failure.
public struct SignalCacheEntry: Sendable, Hashable {
    /// What the entry is about.
    public var key: SignalCacheKey
    /// The encoded answer; `nil` for a failed lookup.
    public var payload: [UInt8]?
    /// When the entry was stored (eviction removes the oldest first).
    public var storedAt: Date
    /// When the entry stops answering.
    public var expiresAt: Date

    /// Creates an entry.
    /// - Parameters:
    ///   - key: what it is about.
    ///   - payload: the encoded answer, `nil` for a failure.
    ///   - storedAt: when it was stored.
    ///   - expiresAt: when it expires.
    public init(key: SignalCacheKey, payload: [UInt8]?, storedAt: Date, expiresAt: Date) {
        self.key = key
        self.payload = payload
        self.storedAt = storedAt
        self.expiresAt = expiresAt
    }

    /// Whether this entry remembers a failed lookup.
    public var isFailure: Bool { payload == nil }
}
