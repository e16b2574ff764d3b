extension PostgresMigration {
    /// Every migration, in the order it runs, named like its SQLite twin.
    /// Append only: add one line per new migration at the end and never
    /// reorder, rename or remove an entry.
    static let all: [PostgresMigration] = [
        .v1Signals,
        .v2Verifications,
        .v3Idempotency,
        .v4BehaviorDistinctIndexes,
        .v5CountrySendMinutes,
        .v6TrafficCounters,
        .v7VerificationFallback,
    ]
}
