import Foundation

/// The persistent tier of the signal cache. The SQLite file implements it
/// (``SQLiteSignalCacheStore``); a PostgreSQL implementation for several
/// instances would implement the same methods, and ``SignalCache`` works
/// unchanged over either.
public protocol SignalCacheStore: Sendable {
    /// The entry for `key`, expired or not (the caller checks expiry), or `nil`.
    func entry(for key: SignalCacheKey) async throws -> SignalCacheEntry?
    /// Stores `entry`, replacing any entry for the same key, and evicts the
    /// oldest entries beyond the store's bound.
    func store(_ entry: SignalCacheEntry) async throws
    /// Deletes every entry that expired at or before `now`.
    /// - Returns: how many entries were deleted.
    func removeExpired(now: Date) async throws -> Int
}
