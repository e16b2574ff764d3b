import Foundation
import PostgresNIO

/// One named, append-only step of the PostgreSQL schema, mirroring the SQLite
/// migration of the same name (`SchemaMigration` in SignalStore).
///
/// Each migration lives in its own `PostgresMigration+vN….swift` file and is
/// listed once in ``PostgresMigration/all``. A shipped migration is never
/// edited: change the schema by appending a new one, here and for SQLite.
///
/// ```swift
/// extension PostgresMigration {
///     static let v9Example = PostgresMigration("v9_example", [
///         "CREATE TABLE example (id BIGINT PRIMARY KEY)",
///     ])
/// }
/// ```
struct PostgresMigration: Sendable {
    /// The unique name recorded in `phonerisk_migrations`.
    let identifier: String
    /// The statements, run in order inside one transaction (PostgreSQL's DDL is transactional).
    let statements: [String]

    init(_ identifier: String, _ statements: [String]) {
        self.identifier = identifier
        self.statements = statements
    }
}

extension PostgresMigration {
    /// Runs every migration of `migrations` the database has not run yet, in order, each in its own transaction.
    ///
    /// Holds a session advisory lock meanwhile, so instances starting together
    /// migrate one after the other: the second finds the work done.
    /// - Returns: the identifiers applied by this call.
    /// - Throws: ``PostgresStoreError/migrationFailed(migration:reason:)``.
    @discardableResult
    static func migrate(_ session: PostgresSession, migrations: [PostgresMigration] = all, now: Date = Date()) throws -> [String] {
        // Another instance may hold the lock for as long as a migration of a large table takes.
        var session = session
        session.timeout = max(session.timeout, migrationTimeout + .seconds(5))
        var current = "phonerisk_migrations"
        do {
            try session.query(PostgresQuery(unsafeSQL: "SET statement_timeout = \(migrationTimeout.milliseconds)"))
            defer { _ = try? session.query("RESET statement_timeout") }
            try session.query("SELECT pg_advisory_lock(\(PostgresLockKey.migrations))")
            defer { _ = try? session.query("SELECT pg_advisory_unlock(\(PostgresLockKey.migrations))") }
            try session.query("""
                CREATE TABLE IF NOT EXISTS phonerisk_migrations (
                    identifier TEXT PRIMARY KEY,
                    applied_at BIGINT NOT NULL
                )
                """)
            let done = try Set(session.query("SELECT identifier FROM phonerisk_migrations").map { try $0.decode(String.self) })
            let known = Set(migrations.map(\.identifier))
            if let unknown = done.subtracting(known).sorted().first {
                throw PostgresStoreError.migrationFailed(
                    migration: unknown,
                    reason: "the database was migrated by a newer PhoneRisk (migration \(unknown) is unknown to this one)")
            }
            var applied: [String] = []
            for migration in migrations where !done.contains(migration.identifier) {
                current = migration.identifier
                try session.transaction {
                    for statement in migration.statements {
                        try session.query(PostgresQuery(unsafeSQL: statement))
                    }
                    try session.query("""
                        INSERT INTO phonerisk_migrations (identifier, applied_at)
                        VALUES (\(migration.identifier), \(PostgresTime.milliseconds(now)))
                        """)
                }
                applied.append(migration.identifier)
            }
            return applied
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError.migrationFailed(migration: current, reason: PostgresErrorText.describe(error))
        }
    }
}

extension PostgresMigration {
    /// The longest a migration statement (or the wait for another instance's migration) may take.
    static let migrationTimeout: Duration = .seconds(600)
}

/// The advisory lock keys of the store; advisory locks are per database, so
/// these only meet other PhoneRisk instances on the same database.
enum PostgresLockKey {
    /// Held while migrating.
    static let migrations: Int64 = 0x7068_6f6e_6d69_6772
    /// Held by each verification write transaction until it commits.
    static let verificationWriters: Int64 = 0x7068_6f6e_7772_6974
}
