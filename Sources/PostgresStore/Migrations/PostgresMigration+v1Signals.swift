extension PostgresMigration {
    /// The signal cache and the behaviour event log.
    ///
    /// Times are `BIGINT` milliseconds since 1970 (UTC). Phone numbers appear
    /// only as keyed hashes (`number_hash`, `phone_hash`), never in clear. The
    /// cache's row count is kept by statement triggers, so its bound costs one
    /// primary-key read per write, never a scan.
    static let v1Signals = PostgresMigration("v1_signals", [
        """
        CREATE TABLE signal_cache (
            number_hash TEXT NOT NULL,
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            payload BYTEA,
            stored_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (number_hash, kind, source)
        )
        """,
        "CREATE INDEX signal_cache_by_age ON signal_cache(stored_at)",
        """
        CREATE TABLE signal_cache_size (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            entries BIGINT NOT NULL
        )
        """,
        "INSERT INTO signal_cache_size (id, entries) VALUES (1, 0)",
        """
        CREATE FUNCTION signal_cache_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE signal_cache_size SET entries = entries + (SELECT count(*) FROM added) WHERE id = 1;
            RETURN NULL;
        END $$
        """,
        """
        CREATE FUNCTION signal_cache_counted_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE signal_cache_size SET entries = entries - (SELECT count(*) FROM removed) WHERE id = 1;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER signal_cache_counted_insert AFTER INSERT ON signal_cache
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION signal_cache_counted_insert()
        """,
        """
        CREATE TRIGGER signal_cache_counted_delete AFTER DELETE ON signal_cache
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION signal_cache_counted_delete()
        """,
        """
        CREATE TABLE behavior_events (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
            kind TEXT NOT NULL CHECK (kind IN
                ('verification_started', 'code_sent', 'code_checked_right', 'code_checked_wrong')),
            phone_hash TEXT NOT NULL,
            account_id TEXT NOT NULL,
            country TEXT NOT NULL,
            occurred_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX behavior_events_by_phone ON behavior_events(mode, phone_hash, kind, occurred_at, account_id)",
        "CREATE INDEX behavior_events_by_account ON behavior_events(mode, account_id, kind, occurred_at, phone_hash)",
        "CREATE INDEX behavior_events_by_country ON behavior_events(mode, country, kind, occurred_at)",
        "CREATE INDEX behavior_events_by_time ON behavior_events(occurred_at)",
    ])
}
