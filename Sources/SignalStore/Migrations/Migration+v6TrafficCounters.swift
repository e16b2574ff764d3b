import GRDB

extension SchemaMigration {
    /// The traffic counters behind the deployment-relative signals
    /// (``TrafficCounts``), per mode and key (`c:` country, `p:` prefix,
    /// `b:` keyed hash of the block, `n:` MCC-MNC):
    ///
    /// - `traffic_minutes` / `traffic_hours`: requests, sends and confirmations
    ///   per minute (`floor(ms / 60000)`) and per hour (`floor(ms / 3600000)`);
    ///   a confirmation is counted in the bucket of its verification's last send;
    /// - `traffic_requests`: one row per key and request, read only for the
    ///   partial minute at the start of a window, so a window's start is exact
    ///   to the millisecond;
    /// - `block_numbers`: the latest start of each number in a block, for the
    ///   distinct numbers of the last 10 minutes.
    ///
    /// The store writes them next to the behaviour event, in the same
    /// transaction, and prunes them by age. Nothing is backfilled: the counters
    /// start empty, which the baseline floors are made for.
    static let v6TrafficCounters = SchemaMigration("v6_traffic_counters") { db in
        try db.execute(sql: """
            CREATE TABLE traffic_minutes (
                mode TEXT NOT NULL,
                key TEXT NOT NULL,
                minute INTEGER NOT NULL,
                requests INTEGER NOT NULL DEFAULT 0,
                sends INTEGER NOT NULL DEFAULT 0,
                confirmed INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (mode, key, minute)
            ) WITHOUT ROWID;
            CREATE INDEX traffic_minutes_by_minute ON traffic_minutes(minute);

            CREATE TABLE traffic_hours (
                mode TEXT NOT NULL,
                key TEXT NOT NULL,
                hour INTEGER NOT NULL,
                requests INTEGER NOT NULL DEFAULT 0,
                sends INTEGER NOT NULL DEFAULT 0,
                confirmed INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (mode, key, hour)
            ) WITHOUT ROWID;
            CREATE INDEX traffic_hours_by_hour ON traffic_hours(hour);
            -- The baseline reads one hour of the day over 7 days: adjacent in this index, and covered.
            CREATE INDEX traffic_hours_by_hour_of_day ON traffic_hours(mode, key, hour % 24, hour, requests);

            CREATE TABLE traffic_requests (
                mode TEXT NOT NULL,
                key TEXT NOT NULL,
                occurred_at INTEGER NOT NULL
            );
            CREATE INDEX traffic_requests_by_key ON traffic_requests(mode, key, occurred_at);
            CREATE INDEX traffic_requests_by_time ON traffic_requests(occurred_at);

            CREATE TABLE block_numbers (
                mode TEXT NOT NULL,
                block TEXT NOT NULL,
                phone_hash TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                PRIMARY KEY (mode, block, phone_hash)
            ) WITHOUT ROWID;
            CREATE INDEX block_numbers_by_start ON block_numbers(mode, block, started_at);
            CREATE INDEX block_numbers_by_time ON block_numbers(started_at);
            """)
    }
}
