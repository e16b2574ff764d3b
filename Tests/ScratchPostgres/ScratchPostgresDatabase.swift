import Foundation

/// A PostgreSQL database of its own for one test, on the server that
/// `PHONERISK_TEST_POSTGRES_URL` names (`eval "$(Scripts/postgres/start)"` sets
/// it; `.ci/run` always does). Made and dropped with `psql`, which comes with
/// every PostgreSQL installation, so the tests need no client library of their own.
///
/// ```swift
/// try await ScratchPostgresDatabase.with { url in
///     let service = try await TestService.make(databaseLocation: url)
/// }
/// ```
public enum ScratchPostgresDatabase {
    public static let environmentVariable = "PHONERISK_TEST_POSTGRES_URL"
    public static let serverURL = ProcessInfo.processInfo.environment[environmentVariable]

    /// Whether the PostgreSQL suites run: a server is configured, or `CI` is set, where a missing server
    /// must fail the run rather than skip it.
    public static let shouldRun = serverURL != nil || ProcessInfo.processInfo.environment["CI"] != nil

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Creates a database, runs `body` with its URL, then drops it whatever happened.
    public static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        guard let serverURL, var components = URLComponents(string: serverURL) else {
            throw Failure(description: """
                \(environmentVariable) is not set: start PostgreSQL with eval "$(Scripts/postgres/start)"
                """)
        }
        let name = "phonerisk_server_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(serverURL, "CREATE DATABASE \(name)")
        components.path = "/" + name
        guard let url = components.string else { throw Failure(description: "cannot point \(serverURL) at \(name)") }
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(url))
        } catch {
            outcome = .failure(error)
        }
        try psql(serverURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        return try outcome.get()
    }

    private static func psql(_ url: String, _ sql: String) throws {
        // stderr goes to a scratch file, not a pipe: Foundation's blocking pipe reads trap when a
        // signal interrupts them (EINTR), and this test process runs servers and other children.
        let messageFile = FileManager.default.temporaryDirectory.appendingPathComponent("psql-\(UUID().uuidString).err")
        try Data().write(to: messageFile)
        defer { try? FileManager.default.removeItem(at: messageFile) }
        let errors = try FileHandle(forWritingTo: messageFile)
        defer { try? errors.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--dbname", url, "--command", sql]
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: (try? Data(contentsOf: messageFile)) ?? Data(), as: UTF8.self)
            throw Failure(description: "psql \(sql) failed: \(message)")
        }
    }
}
