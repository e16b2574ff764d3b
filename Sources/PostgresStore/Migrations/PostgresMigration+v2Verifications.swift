extension PostgresMigration {
    /// Accounts, API keys, phone verifications and their stored policy evaluations.
    ///
    /// Phone numbers are kept sealed (AES-GCM, `*_sealed`) for display and as
    /// keyed hashes (`phone_hash`) for lookups; codes and API keys only as
    /// keyed hashes. Every row carries its mode: modes partition all data.
    /// `seq` orders verifications newest first; since writers are serialised,
    /// it also follows commit order. `creating` rows are claims made by a
    /// create in flight: they count toward rate limits and are invisible to
    /// reads until the create finishes (or are deleted).
    static let v2Verifications = PostgresMigration("v2_verifications", [
        """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
            phone_sealed BYTEA,
            phone_verified BOOLEAN NOT NULL DEFAULT false,
            profile_sealed BYTEA NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
            prefix TEXT NOT NULL,
            key_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX api_keys_by_prefix ON api_keys(prefix)",
        """
        CREATE TABLE verifications (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
            account_id TEXT NOT NULL REFERENCES accounts(id),
            status TEXT NOT NULL CHECK (status IN ('creating', 'pending', 'verified', 'requires_step_up',
                'in_review', 'failed', 'expired', 'canceled', 'blocked')),
            provider TEXT NOT NULL,
            phone_sealed BYTEA NOT NULL,
            phone_hash TEXT NOT NULL,
            wrong_codes BIGINT NOT NULL DEFAULT 0 CHECK (wrong_codes BETWEEN 0 AND 5),
            sends BIGINT NOT NULL DEFAULT 0 CHECK (sends BETWEEN 0 AND 5),
            failure_reason TEXT CHECK (failure_reason IS NULL OR status = 'failed'),
            code_hashes TEXT,
            provider_reference TEXT,
            created_at BIGINT NOT NULL,
            last_sent_at BIGINT,
            expires_at BIGINT,
            risk_decision TEXT,
            risk_score BIGINT,
            risk_reasons TEXT,
            policy TEXT,
            policy_version BIGINT
        )
        """,
        "CREATE INDEX verifications_by_phone ON verifications(mode, phone_hash, created_at)",
        "CREATE INDEX verifications_by_account ON verifications(mode, account_id, seq)",
        "CREATE INDEX verifications_by_account_time ON verifications(mode, account_id, created_at)",
        """
        CREATE TABLE evaluations (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            verification_id TEXT NOT NULL REFERENCES verifications(id) ON DELETE CASCADE,
            mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
            stage TEXT NOT NULL CHECK (stage IN ('create', 'confirm')),
            signals TEXT NOT NULL,
            decision TEXT NOT NULL,
            score BIGINT NOT NULL,
            reasons TEXT NOT NULL,
            policy TEXT NOT NULL,
            policy_version BIGINT NOT NULL,
            evaluated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX evaluations_by_time ON evaluations(evaluated_at)",
        "CREATE INDEX evaluations_by_verification ON evaluations(verification_id)",
    ])
}
