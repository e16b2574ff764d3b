extension PostgresMigration {
    /// The traffic counters behind the deployment-relative signals, as
    /// SQLite's v6: `traffic_minutes` and `traffic_hours` (requests, sends,
    /// confirmations per mode, key and bucket), `traffic_requests` (one row per
    /// key and request, for the partial start minute of a window) and
    /// `block_numbers` (the latest start of each number of a block). Written
    /// by the store next to each behaviour event, pruned by age; nothing is
    /// backfilled.
    static let v6TrafficCounters = PostgresMigration("v6_traffic_counters", [
        """
        CREATE TABLE traffic_minutes (
            mode TEXT NOT NULL,
            key TEXT NOT NULL,
            minute BIGINT NOT NULL,
            requests BIGINT NOT NULL DEFAULT 0,
            sends BIGINT NOT NULL DEFAULT 0,
            confirmed BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (mode, key, minute)
        )
        """,
        "CREATE INDEX traffic_minutes_by_minute ON traffic_minutes(minute)",
        """
        CREATE TABLE traffic_hours (
            mode TEXT NOT NULL,
            key TEXT NOT NULL,
            hour BIGINT NOT NULL,
            requests BIGINT NOT NULL DEFAULT 0,
            sends BIGINT NOT NULL DEFAULT 0,
            confirmed BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (mode, key, hour)
        )
        """,
        "CREATE INDEX traffic_hours_by_hour ON traffic_hours(hour)",
        "CREATE INDEX traffic_hours_by_hour_of_day ON traffic_hours(mode, key, (hour % 24), hour) INCLUDE (requests)",
        """
        CREATE TABLE traffic_requests (
            mode TEXT NOT NULL,
            key TEXT NOT NULL,
            occurred_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX traffic_requests_by_key ON traffic_requests(mode, key, occurred_at)",
        "CREATE INDEX traffic_requests_by_time ON traffic_requests(occurred_at)",
        """
        CREATE TABLE block_numbers (
            mode TEXT NOT NULL,
            block TEXT NOT NULL,
            phone_hash TEXT NOT NULL,
            started_at BIGINT NOT NULL,
            PRIMARY KEY (mode, block, phone_hash)
        )
        """,
        "CREATE INDEX block_numbers_by_start ON block_numbers(mode, block, started_at)",
        "CREATE INDEX block_numbers_by_time ON block_numbers(started_at)",
    ])
}
