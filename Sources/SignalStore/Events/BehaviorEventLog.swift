import Foundation

/// Where behaviour events are kept and counted. The SQLite file implements
/// it (``SQLiteBehaviorEventLog``); a PostgreSQL implementation for several
/// instances would implement the same three methods.
public protocol BehaviorEventLog: Sendable {
    /// Records one event in its own transaction.
    func record(_ event: BehaviorEvent) async throws
    /// The windowed counts for one verification.
    func counts(_ query: BehaviorCountQuery) async throws -> BehaviorCounts
    /// Deletes events older than the retention period before `now`, and traffic counters older than theirs.
    /// - Returns: how many events were deleted.
    func prune(now: Date) async throws -> Int
}
