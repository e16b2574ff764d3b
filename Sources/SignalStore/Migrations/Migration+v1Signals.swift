import GRDB

extension SchemaMigration {
    /// The signal cache and the behaviour event log.
    ///
    /// Times are integer milliseconds since 1970 (UTC). Phone numbers appear
    /// only as keyed hashes (`number_hash`, `phone_hash`), never in clear.
    static let v1Signals = SchemaMigration("v1_signals") { db in
        try db.execute(sql: """
            CREATE TABLE signal_cache (
                number_hash TEXT NOT NULL,
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                payload BLOB,
                stored_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (number_hash, kind, source)
            );
            CREATE INDEX signal_cache_by_age ON signal_cache(stored_at);

            -- The row count, kept by triggers so eviction never scans the table.
            CREATE TABLE signal_cache_size (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                entries INTEGER NOT NULL
            );
            INSERT INTO signal_cache_size (id, entries) VALUES (1, 0);
            CREATE TRIGGER signal_cache_counted_insert AFTER INSERT ON signal_cache
            BEGIN UPDATE signal_cache_size SET entries = entries + 1 WHERE id = 1; END;
            CREATE TRIGGER signal_cache_counted_delete AFTER DELETE ON signal_cache
            BEGIN UPDATE signal_cache_size SET entries = entries - 1 WHERE id = 1; END;

            CREATE TABLE behavior_events (
                id INTEGER PRIMARY KEY,
                mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
                kind TEXT NOT NULL CHECK (kind IN
                    ('verification_started', 'code_sent', 'code_checked_right', 'code_checked_wrong')),
                phone_hash TEXT NOT NULL,
                account_id TEXT NOT NULL,
                country TEXT NOT NULL,
                occurred_at INTEGER NOT NULL
            );
            -- One index per windowed count; each covers its query.
            CREATE INDEX behavior_events_by_phone
                ON behavior_events(mode, phone_hash, kind, occurred_at, account_id);
            CREATE INDEX behavior_events_by_account
                ON behavior_events(mode, account_id, kind, occurred_at, phone_hash);
            CREATE INDEX behavior_events_by_country
                ON behavior_events(mode, country, kind, occurred_at);
            CREATE INDEX behavior_events_by_time ON behavior_events(occurred_at);
            """)
    }
}
