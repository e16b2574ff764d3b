extension SchemaMigration {
    /// Every migration, in the order it runs. Append only: add one line per new
    /// migration at the end and never reorder, rename or remove an entry.
    public static let all: [SchemaMigration] = [
        .v1Signals,
        .v2Verifications,
        .v3Idempotency,
        .v4BehaviorDistinctIndexes,
        .v5CountrySendMinutes,
        .v6TrafficCounters,
        .v7VerificationFallback,
    ]
}
