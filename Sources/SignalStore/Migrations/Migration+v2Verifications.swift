import GRDB

extension SchemaMigration {
    /// Accounts, API keys, phone verifications and their stored policy evaluations.
    ///
    /// Times are integer milliseconds since 1970 (UTC). Phone numbers are kept
    /// sealed (AES-GCM, `*_sealed`) for display and as keyed hashes
    /// (`phone_hash`) for lookups; codes and API keys only as keyed hashes.
    /// Every row carries its mode: modes partition all data.
    static let v2Verifications = SchemaMigration("v2_verifications") { db in
        try db.execute(sql: """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
                phone_sealed BLOB,
                phone_verified INTEGER NOT NULL DEFAULT 0 CHECK (phone_verified IN (0, 1)),
                profile_sealed BLOB NOT NULL,
                created_at INTEGER NOT NULL
            );

            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
                prefix TEXT NOT NULL,
                key_hash TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            );
            CREATE INDEX api_keys_by_prefix ON api_keys(prefix);

            -- `seq` orders verifications newest first; `creating` rows are claims
            -- made by a create in flight: they count toward rate limits and are
            -- invisible to reads until the create finishes (or are deleted).
            CREATE TABLE verifications (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
                account_id TEXT NOT NULL REFERENCES accounts(id),
                status TEXT NOT NULL CHECK (status IN ('creating', 'pending', 'verified', 'requires_step_up',
                    'in_review', 'failed', 'expired', 'canceled', 'blocked')),
                provider TEXT NOT NULL,
                phone_sealed BLOB NOT NULL,
                phone_hash TEXT NOT NULL,
                wrong_codes INTEGER NOT NULL DEFAULT 0 CHECK (wrong_codes BETWEEN 0 AND 5),
                sends INTEGER NOT NULL DEFAULT 0 CHECK (sends BETWEEN 0 AND 5),
                failure_reason TEXT CHECK (failure_reason IS NULL OR status = 'failed'),
                code_hashes TEXT,
                provider_reference TEXT,
                created_at INTEGER NOT NULL,
                last_sent_at INTEGER,
                expires_at INTEGER,
                risk_decision TEXT,
                risk_score INTEGER,
                risk_reasons TEXT,
                policy TEXT,
                policy_version INTEGER
            );
            CREATE INDEX verifications_by_phone ON verifications(mode, phone_hash, created_at);
            CREATE INDEX verifications_by_account ON verifications(mode, account_id, seq);
            CREATE INDEX verifications_by_account_time ON verifications(mode, account_id, created_at);

            CREATE TABLE evaluations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                verification_id TEXT NOT NULL REFERENCES verifications(id) ON DELETE CASCADE,
                mode TEXT NOT NULL CHECK (mode IN ('test', 'live')),
                stage TEXT NOT NULL CHECK (stage IN ('create', 'confirm')),
                signals TEXT NOT NULL,
                decision TEXT NOT NULL,
                score INTEGER NOT NULL,
                reasons TEXT NOT NULL,
                policy TEXT NOT NULL,
                policy_version INTEGER NOT NULL,
                evaluated_at INTEGER NOT NULL
            );
            CREATE INDEX evaluations_by_time ON evaluations(evaluated_at);
            CREATE INDEX evaluations_by_verification ON evaluations(verification_id);
            """)
    }
}
