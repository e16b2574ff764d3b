extension PostgresMigration {
    /// Code sends per (mode, country, minute), as SQLite's v5: `country_sends_1h`
    /// sums 59 whole minutes and range-counts only the two edge minutes.
    ///
    /// `minute` is `floor(occurred_at / 60000)` (`%` truncates in PostgreSQL,
    /// hence the explicit floor). Inserts are counted by a row trigger that
    /// fires for `code_sent` only; deletes (pruning) by a statement trigger
    /// over the deleted rows, so a prune costs one grouped update rather than
    /// one per event. Both run in the writer's transaction, so the counters
    /// commit and roll back with the events. The table is locked against
    /// writers first, so no send committed while migrating escapes both the
    /// backfill and the trigger.
    static let v5CountrySendMinutes = PostgresMigration("v5_country_send_minutes", [
        "LOCK TABLE behavior_events IN SHARE ROW EXCLUSIVE MODE",
        """
        CREATE TABLE country_send_minutes (
            mode TEXT NOT NULL,
            country TEXT NOT NULL,
            minute BIGINT NOT NULL,
            sends BIGINT NOT NULL CHECK (sends >= 0),
            PRIMARY KEY (mode, country, minute)
        )
        """,
        """
        INSERT INTO country_send_minutes (mode, country, minute, sends)
        SELECT mode, country, (occurred_at - ((occurred_at % 60000) + 60000) % 60000) / 60000, count(*)
        FROM behavior_events WHERE kind = 'code_sent' GROUP BY 1, 2, 3
        """,
        """
        CREATE FUNCTION country_send_minutes_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO country_send_minutes AS counted (mode, country, minute, sends)
            VALUES (NEW.mode, NEW.country, (NEW.occurred_at - ((NEW.occurred_at % 60000) + 60000) % 60000) / 60000, 1)
            ON CONFLICT (mode, country, minute) DO UPDATE SET sends = counted.sends + 1;
            RETURN NULL;
        END $$
        """,
        """
        CREATE FUNCTION country_send_minutes_counted_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE country_send_minutes AS counted SET sends = counted.sends - gone.sends
            FROM (SELECT mode, country, (occurred_at - ((occurred_at % 60000) + 60000) % 60000) / 60000 AS minute,
                         count(*) AS sends
                  FROM removed WHERE kind = 'code_sent' GROUP BY 1, 2, 3) AS gone
            WHERE counted.mode = gone.mode AND counted.country = gone.country AND counted.minute = gone.minute;
            DELETE FROM country_send_minutes AS counted
            USING (SELECT DISTINCT mode, country, (occurred_at - ((occurred_at % 60000) + 60000) % 60000) / 60000 AS minute
                   FROM removed WHERE kind = 'code_sent') AS gone
            WHERE counted.mode = gone.mode AND counted.country = gone.country AND counted.minute = gone.minute
              AND counted.sends = 0;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER country_send_minutes_counted_insert AFTER INSERT ON behavior_events
        FOR EACH ROW WHEN (NEW.kind = 'code_sent') EXECUTE FUNCTION country_send_minutes_counted_insert()
        """,
        """
        CREATE TRIGGER country_send_minutes_counted_delete AFTER DELETE ON behavior_events
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION country_send_minutes_counted_delete()
        """,
    ])
}
