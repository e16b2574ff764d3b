extension PostgresMigration {
    /// Why a verification left the provider it asked for, as in SQLite's v7:
    /// three columns, all set or all `NULL`.
    static let v7VerificationFallback = PostgresMigration("v7_verification_fallback", [
        "ALTER TABLE verifications ADD COLUMN fallback_from TEXT",
        "ALTER TABLE verifications ADD COLUMN fallback_to TEXT",
        "ALTER TABLE verifications ADD COLUMN fallback_reason TEXT",
        """
        ALTER TABLE verifications ADD CONSTRAINT verifications_fallback_complete
            CHECK ((fallback_reason IS NULL) = (fallback_from IS NULL) AND (fallback_reason IS NULL) = (fallback_to IS NULL))
        """,
    ])
}
