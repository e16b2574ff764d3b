import GRDB

extension SchemaMigration {
    /// Why a verification left the provider it asked for (`prove` → `twilio`
    /// when Prove failed): three columns, all set or all `NULL`.
    static let v7VerificationFallback = SchemaMigration("v7_verification_fallback") { db in
        try db.execute(sql: """
            ALTER TABLE verifications ADD COLUMN fallback_from TEXT;
            ALTER TABLE verifications ADD COLUMN fallback_to TEXT;
            ALTER TABLE verifications ADD COLUMN fallback_reason TEXT
                CHECK ((fallback_reason IS NULL) = (fallback_from IS NULL)
                       AND (fallback_reason IS NULL) = (fallback_to IS NULL));
            """)
    }
}
