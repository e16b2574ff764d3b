import GRDB

/// One named, append-only step of the database schema.
///
/// Each migration lives in its own `Migration+vN….swift` file and is listed
/// once in ``SchemaMigration/all``. A committed migration is never edited:
/// change the schema by appending a new one.
///
/// ```swift
/// extension SchemaMigration {
///     static let v9Example = SchemaMigration("v9_example") { db in
///         try db.execute(sql: "CREATE TABLE example (id INTEGER PRIMARY KEY)")
///     }
/// }
/// ```
public struct SchemaMigration: Sendable {
    /// The unique name GRDB records in `grdb_migrations`.
    public let identifier: String
    /// The schema change, run once inside a transaction.
    public let apply: @Sendable (Database) throws -> Void

    /// Creates a migration.
    /// - Parameters:
    ///   - identifier: a unique, never reused name such as `"v1_signals"`.
    ///   - apply: the schema change.
    public init(_ identifier: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.identifier = identifier
        self.apply = apply
    }

    /// Runs every migration of ``all`` that `writer` has not run yet, in order.
    /// - Throws: ``SignalStoreError/migrationFailed(reason:)``.
    public static func migrate(_ writer: some DatabaseWriter) throws {
        var migrator = DatabaseMigrator()
        for migration in all {
            migrator.registerMigration(migration.identifier, migrate: migration.apply)
        }
        do {
            try migrator.migrate(writer)
        } catch {
            throw SignalStoreError.migrationFailed(reason: String(describing: error))
        }
    }
}
