extension PostgresMigration {
    /// Idempotency keys: the first answer to each (API key, route, key),
    /// replayed to repeats of the same request.
    ///
    /// The client's key and the request body are kept only as keyed hashes and
    /// the stored answer is sealed (it can hold a phone number); `state` is
    /// `in_flight` from the claim until the answer is stored.
    static let v3Idempotency = PostgresMigration("v3_idempotency", [
        """
        CREATE TABLE idempotency_keys (
            api_key_id TEXT NOT NULL,
            route TEXT NOT NULL,
            key_hash TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('in_flight', 'completed')),
            response_status BIGINT,
            response_sealed BYTEA,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (api_key_id, route, key_hash)
        )
        """,
        "CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at)",
    ])
}
