extension PostgresMigration {
    /// Indexes ordered by the counted column, for the distinct counts
    /// (`accounts_per_phone_30d`, `phones_per_account_30d`), as in SQLite's v4;
    /// the account index of v1 served only the old distinct count and is dropped.
    static let v4BehaviorDistinctIndexes = PostgresMigration("v4_behavior_distinct_indexes", [
        "DROP INDEX behavior_events_by_account",
        "CREATE INDEX behavior_events_by_phone_account ON behavior_events(mode, phone_hash, kind, account_id, occurred_at)",
        "CREATE INDEX behavior_events_by_account_phone ON behavior_events(mode, account_id, kind, phone_hash, occurred_at)",
    ])
}
