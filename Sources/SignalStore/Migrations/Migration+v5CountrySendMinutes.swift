import GRDB

extension SchemaMigration {
    /// Code sends per (mode, country, minute), so `country_sends_1h` sums 59
    /// whole minutes instead of range-counting every send of a busy country
    /// (at 10,000 sends an hour the range count alone took about 500 µs).
    ///
    /// `minute` is `floor(occurred_at / 60000)`: minute m holds the sends of
    /// `[m * 60000, (m + 1) * 60000)` ms. Triggers on `behavior_events` keep it
    /// in the same transaction as the event, so it commits, rolls back and is
    /// pruned with the events and stays equal to a recount; a minute whose
    /// last send is deleted loses its row. Existing sends are backfilled.
    static let v5CountrySendMinutes = SchemaMigration("v5_country_send_minutes") { db in
        try db.execute(sql: """
            CREATE TABLE country_send_minutes (
                mode TEXT NOT NULL,
                country TEXT NOT NULL,
                minute INTEGER NOT NULL,
                sends INTEGER NOT NULL CHECK (sends >= 0),
                PRIMARY KEY (mode, country, minute)
            ) WITHOUT ROWID;

            INSERT INTO country_send_minutes (mode, country, minute, sends)
                SELECT mode, country, (occurred_at - ((occurred_at % 60000) + 60000) % 60000) / 60000, count(*)
                FROM behavior_events WHERE kind = 'code_sent' GROUP BY 1, 2, 3;

            CREATE TRIGGER country_send_minutes_counted_insert AFTER INSERT ON behavior_events
            WHEN NEW.kind = 'code_sent'
            BEGIN
                INSERT INTO country_send_minutes (mode, country, minute, sends)
                VALUES (NEW.mode, NEW.country, (NEW.occurred_at - ((NEW.occurred_at % 60000) + 60000) % 60000) / 60000, 1)
                ON CONFLICT (mode, country, minute) DO UPDATE SET sends = sends + 1;
            END;

            CREATE TRIGGER country_send_minutes_counted_delete AFTER DELETE ON behavior_events
            WHEN OLD.kind = 'code_sent'
            BEGIN
                UPDATE country_send_minutes SET sends = sends - 1
                WHERE mode = OLD.mode AND country = OLD.country
                  AND minute = (OLD.occurred_at - ((OLD.occurred_at % 60000) + 60000) % 60000) / 60000;
                DELETE FROM country_send_minutes
                WHERE mode = OLD.mode AND country = OLD.country
                  AND minute = (OLD.occurred_at - ((OLD.occurred_at % 60000) + 60000) % 60000) / 60000 AND sends = 0;
            END;
            """)
    }
}
