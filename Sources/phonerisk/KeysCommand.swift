import ArgumentParser
import Foundation
import PhoneRiskServer
import PhoneVerification

/// `phonerisk keys`: makes, lists and revokes API keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage API keys.",
        discussion: "The database is --db (an SQLite file or a postgres:// URL), else PHONERISK_DB, else phonerisk.sqlite. Results are JSON, one object a line.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// `keys create --mode test|live`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API key and print it once.",
            discussion: """
                Prints {"id","mode","prefix","created_at","revoked","revoked_at","key"}: `key` is shown only this once;
                the database keeps only its keyed hash.
                """
        )

        @Option(help: "test or live: the data the key sees.")
        var mode: String

        @OptionGroup var database: ServiceDatabaseOption

        func validate() throws {
            guard APIMode(rawValue: mode) != nil else {
                throw ValidationError("--mode must be test or live, not '\(mode)'")
            }
        }

        func run() async throws {
            let created = try await database.withStore { store in
                try await store.keys.create(mode: APIMode(rawValue: mode) ?? .test)
            }
            try ServiceJSONOutput.print(CreatedKeyLine(info: created.info, key: created.key))
            StandardError.write("Store this key now: it cannot be shown again.")
        }
    }

    /// `keys list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the API keys (never the keys themselves), oldest first.",
            discussion: #"One {"id","mode","prefix","created_at","revoked","revoked_at"} a line."#
        )

        @OptionGroup var database: ServiceDatabaseOption

        func run() async throws {
            for info in try await database.withStore({ store in try await store.keys.list() }) {
                try ServiceJSONOutput.print(info)
            }
        }
    }

    /// `keys revoke ID`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an API key: every request with it gets 401 from now on.",
            discussion: "Prints the revoked key's line. Revoking a revoked key changes nothing."
        )

        @Argument(help: "The key's id, as `keys list` shows it.")
        var id: String

        @OptionGroup var database: ServiceDatabaseOption

        func run() async throws {
            let revoked: APIKeyInfo
            do {
                revoked = try await database.withStore { store in try await store.keys.revoke(id: id) }
            } catch let error as APIKeyError {
                throw ServiceCommandFailure(message: error.description)
            }
            try ServiceJSONOutput.print(revoked)
        }
    }
}

/// `--db FILE|URL` for the commands that work on the database directly.
struct ServiceDatabaseOption: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: "The SQLite file or postgres:// URL (default: PHONERISK_DB, else phonerisk.sqlite).")
    var path: String?

    /// The database path: the flag, else `PHONERISK_DB`, else the default.
    func resolvedPath() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let path = path ?? environment["PHONERISK_DB"] ?? ServerDefaults.databasePath
        do {
            try DatabaseLocation.validate(path, setting: self.path != nil ? "--db" : "PHONERISK_DB")
        } catch {
            throw ServiceCommandFailure(message: error.description)
        }
        return path
    }

    /// Runs `body` on the store of the database (an SQLite file is created with its secret if new), then
    /// closes the store whatever the body did.
    ///
    /// - Parameter body: The work.
    /// - Throws: ``ServiceCommandFailure`` when the database cannot be opened; what `body` throws.
    func withStore<T>(_ body: (ServiceStore) async throws -> T) async throws -> T {
        let store: ServiceStore
        do {
            store = try await ServiceStore.open(location: resolvedPath(), environment: ProcessInfo.processInfo.environment)
        } catch let failure as ServiceCommandFailure {
            throw failure
        } catch {
            throw ServiceCommandFailure(message: "cannot open the database: \(error)")
        }
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// The line `keys create` prints: the key's info plus the key itself.
private struct CreatedKeyLine: Encodable {
    var info: APIKeyInfo
    var key: String

    private enum CodingKeys: String, CodingKey { case key }

    func encode(to encoder: any Encoder) throws {
        try info.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
    }
}

/// Writes results for programs: one compact JSON object a line on stdout.
enum ServiceJSONOutput {
    /// Prints `value` as one line.
    ///
    /// - Parameter value: The object.
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try StandardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }
}
