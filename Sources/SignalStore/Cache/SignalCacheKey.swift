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

extension SignalCacheKey {
    /// Equal when the number hashes have the same bytes (as the store compares
    /// them) and the kind and source are equal.
    public static func == (lhs: SignalCacheKey, rhs: SignalCacheKey) -> Bool {
        lhs.kind == rhs.kind && lhs.source == rhs.source && sameBytes(lhs.phone.hex, rhs.phone.hex)
    }

    private static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        let compared = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
        return (compared ?? nil) ?? lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// Hashes the first 16 bytes of the number hash with the kind and source.
    ///
    /// The number hash is an HMAC digest: its first 64 bits are as evenly
    /// spread as all 256, and hashing a quarter of it makes every in-process
    /// cache read cheaper. Equal keys have equal bytes, so equal hashes.
    public func hash(into hasher: inout Hasher) {
        let hashed = phone.hex.utf8.withContiguousStorageIfAvailable { bytes in
            hasher.combine(bytes: UnsafeRawBufferPointer(start: bytes.baseAddress, count: min(16, bytes.count)))
        }
        if hashed == nil {
            Array(phone.hex.utf8.prefix(16)).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
        hasher.combine(kind)
        hasher.combine(source)
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
