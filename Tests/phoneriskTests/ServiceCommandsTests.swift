import Foundation
import NIOConcurrencyHelpers
import ScratchPostgres
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `phonerisk serve`, `keys` and `replay`, run as the built binary.
@Suite("serve, keys and replay as the built binary")
struct ServiceCommandsTests {
    /// A scratch folder with its own database and secret.
    final class Folder: Sendable {
        let path = NSTemporaryDirectory() + "phonerisk-cli-service-" + UUID().uuidString

        init() throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        func file(_ name: String) -> String { path + "/" + name }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let passPolicy = """
        policy cli_pass version 1
        input stage: "create" | "confirm"
        score +5 SEEN when stage == "create"
        """

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> BuiltCommand.Run {
        try await BuiltCommand.run(arguments, environment: environment)
    }

    @Test("keys create prints the key once; list never shows it; revoke marks it; bad input exits 64 or 1")
    func keys() async throws {
        let folder = try Folder()
        let db = folder.file("keys.sqlite")
        let created = try await Self.run(["keys", "create", "--mode", "live", "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        let line = try #require(created.lines.first)
        let key = try #require(line["key"] as? String)
        let id = try #require(line["id"] as? String)
        #expect(key.hasPrefix("sk_live_"))
        #expect(line["mode"] as? String == "live")

        let listed = try await Self.run(["keys", "list"], environment: ["PHONERISK_DB": db])
        #expect(listed.status == 0)
        #expect(listed.lines.count == 1)
        #expect(listed.lines.first?["id"] as? String == id)
        #expect(listed.lines.first?["revoked"] as? Bool == false)
        #expect(!listed.stdout.contains(key))
        let database = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(database.range(of: Data(key.utf8)) == nil)

        let revoked = try await Self.run(["keys", "revoke", id, "--db", db])
        #expect(revoked.status == 0)
        #expect(revoked.lines.first?["revoked"] as? Bool == true)
        #expect(try await Self.run(["keys", "list", "--db", db]).lines.first?["revoked"] as? Bool == true)

        #expect(try await Self.run(["keys", "revoke", "no-such-key", "--db", db]).status == 1)
        #expect(try await Self.run(["keys", "create", "--mode", "production", "--db", db]).status == 64)
        #expect(try await Self.run(["keys", "create", "--db", db]).status == 64)
    }

    @Test("serve refuses an unusable PostgreSQL store and bad settings with a message and exit status 1")
    func serveRefusals() async throws {
        let secret = ["PHONERISK_SECRET": String(repeating: "k", count: 40)]
        let noSecret = try await Self.run(["serve", "--db", "postgres://u:p@localhost/phonerisk"])
        #expect(noSecret.status == 1)
        #expect(noSecret.stderr.contains("cannot open the database: PHONERISK_SECRET is not set"))
        // Port 1 on loopback: nothing listens there.
        let unreachable = try await Self.run(["serve", "--db", "postgres://u:hunter2@127.0.0.1:1/phonerisk"], environment: secret)
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("cannot open the database: cannot reach PostgreSQL at postgres://u:***@127.0.0.1:1/phonerisk"))
        #expect(!unreachable.stderr.contains("hunter2"))
        let badURL = try await Self.run(["keys", "list", "--db", "postgres://127.0.0.1:port/phonerisk"], environment: secret)
        #expect(badURL.status == 1)
        #expect(badURL.stderr.contains("invalid PostgreSQL URL"))
        let ttl = try await Self.run(["serve", "--code-ttl", "ten minutes"])
        #expect(ttl.status == 1)
        #expect(ttl.stderr.contains("--code-ttl"))
        let port = try await Self.run(["serve"], environment: ["PHONERISK_PORT": "eighty"])
        #expect(port.status == 1)
        #expect(port.stderr.contains("PHONERISK_PORT"))
        let folder = try Folder()
        try "policy broken version 1\nblock X when nope\n".write(toFile: folder.file("broken.rules"), atomically: true, encoding: .utf8)
        let broken = try await Self.run(["serve", "--db", folder.file("p.sqlite"), "--port", "0", "--policy", folder.file("broken.rules")])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken.rules:2:"))
        #expect(try await Self.run(["serve", "--port", "http"]).status == 64)
    }

    @Test("serve --port 0 prints the real port, serves requests, reloads a good policy on SIGHUP and keeps the running one when the new one does not compile")
    func serveAndReload() async throws {
        let folder = try Folder()
        let db = folder.file("serve.sqlite")
        let policy = folder.file("policy.rules")
        try Self.passPolicy.write(toFile: policy, atomically: true, encoding: .utf8)
        let key = try #require(try await Self.run(["keys", "create", "--mode", "test", "--db", db]).lines.first?["key"] as? String)

        let server = try ServiceServerProcess(arguments: ["serve", "--db", db, "--port", "0", "--policy", policy])
        defer { server.stop() }
        let base = try await server.listeningAddress()
        #expect(base.hasPrefix("http://127.0.0.1:"))
        #expect(!base.hasSuffix(":0"))
        let client = ServiceHTTP(base: base, key: key)

        let health = try await client.send("GET", "/healthz")
        #expect(health.status == 200)
        let accountID = try #require(try await client.send("POST", "/v1/accounts", body: "{}").json()["id"] as? String)
        let first = try await client.send("POST", "/v1/accounts/\(accountID)/phone_verifications", body: #"{"phone_number": "+447400123456"}"#)
        #expect(try first.risk()["policy_version"] as? Int == 1)

        try Self.passPolicy.replacingOccurrences(of: "version 1", with: "version 2").write(toFile: policy, atomically: true, encoding: .utf8)
        server.hangUp()
        _ = try await server.waitForStderr { $0.contains("policy reloaded") }
        let second = try await client.send("POST", "/v1/accounts/\(accountID)/phone_verifications", body: #"{"phone_number": "+447400123457"}"#)
        #expect(try second.risk()["policy_version"] as? Int == 2)

        try "policy cli_pass version 3\ninput stage: \"create\" | \"confirm\"\nblock X when stagee == \"create\"\n"
            .write(toFile: policy, atomically: true, encoding: .utf8)
        server.hangUp()
        let refused = try await server.waitForStderr { $0.contains("policy reload refused") }
        #expect(refused.contains("policy.rules:3:"))
        let third = try await client.send("POST", "/v1/accounts/\(accountID)/phone_verifications", body: #"{"phone_number": "+447400123458"}"#)
        #expect(third.status == 200)
        #expect(try third.risk()["policy_version"] as? Int == 2)
        #expect(!server.stderrText.contains(key))
    }

    @Test(
        "keys and serve on PostgreSQL: a key made with --db postgres://… authenticates against serve on the same URL, then is revoked",
        .enabled(if: ScratchPostgresDatabase.shouldRun))
    func keysAndServeOnPostgres() async throws {
        try await ScratchPostgresDatabase.with { url in
            let secret = ["PHONERISK_SECRET": "phonerisk-cli-postgres-secret-0123456789abcdef"]
            let created = try #require(try await Self.run(["keys", "create", "--mode", "test", "--db", url], environment: secret).lines.first)
            let key = try #require(created["key"] as? String)
            let id = try #require(created["id"] as? String)
            #expect(try await Self.run(["keys", "list", "--db", url], environment: secret).lines.map { $0["id"] as? String } == [id])

            let server = try ServiceServerProcess(arguments: ["serve", "--db", url, "--port", "0"], environment: secret)
            defer { server.stop() }
            let client = ServiceHTTP(base: try await server.listeningAddress(), key: key)
            let accountID = try #require(try await client.send("POST", "/v1/accounts", body: "{}").json()["id"] as? String)
            let started = try await client.send("POST", "/v1/accounts/\(accountID)/phone_verifications", body: #"{"phone_number": "+447400123456"}"#)
            #expect(started.status == 200)
            #expect(!server.stderrText.contains("phonerisk-test"))

            let revoked = try await Self.run(["keys", "revoke", id, "--db", url], environment: secret)
            #expect(revoked.lines.first?["revoked"] as? Bool == true)
            #expect(try await client.send("GET", "/v1/accounts/\(accountID)").status == 401)
        }
    }

    @Test("a reader that has gone (`keys list | head -0`, `eval … | head -0`) ends the command quietly with 141, as SIGPIPE would")
    func closedOutputEndsQuietly() async throws {
        let folder = try Folder()
        let db = folder.file("pipe.sqlite")
        let policy = folder.file("pass.rules")
        try Self.passPolicy.write(toFile: policy, atomically: true, encoding: .utf8)
        try "test \"created\" {\n  given stage = \"create\"\n  expect pass\n}\n"
            .write(toFile: folder.file("pass.tests"), atomically: true, encoding: .utf8)
        #expect(try await Self.run(["keys", "create", "--mode", "test", "--db", db]).status == 0)
        #expect(try await Self.run(["test", folder.path]).stdout == "1 passed, 0 failed\n")
        let commands: [(arguments: [String], stdin: String)] = [
            (["keys", "list", "--db", db], ""),
            (["phone", "+447400123456"], ""),
            (["eval", "--policy", policy], #"{"stage": "create"}"# + "\n"),
            (["test", folder.path], ""),
        ]
        for (arguments, stdin) in commands {
            // SIGPIPE ignored, as many supervisors and shells leave it: the write then fails with EPIPE,
            // which used to crash the command with a backtrace.
            let result = try await BuiltCommand.runInShell(
                #"trap '' PIPE; exec "$0" "$@""#, arguments, stdin: stdin, output: .closedPipe)
            #expect(result.status == 141, "\(arguments): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)")
        }
    }

    @Test("an output that refuses the bytes (a full device) is an error named on stderr, exit status 1")
    func unwritableOutputIsReported() async throws {
        let folder = try Folder()
        let policy = folder.file("pass.rules")
        try Self.passPolicy.write(toFile: policy, atomically: true, encoding: .utf8)
        let commands: [(arguments: [String], stdin: String)] = [
            (["phone", "+447400123456"], ""),
            (["eval", "--policy", policy], #"{"stage": "create"}"# + "\n"),
        ]
        for (arguments, stdin) in commands {
            let result = try await BuiltCommand.runInShell(#"exec "$0" "$@" > /dev/full"#, arguments, stdin: stdin)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "phonerisk: cannot write the output: No space left on device\n", "\(arguments)")
        }
    }

    @Test("serve stops cleanly on SIGTERM: exit status 0, nothing reported as an error")
    func serveStopsOnTerminate() async throws {
        let folder = try Folder()
        let server = try ServiceServerProcess(arguments: ["serve", "--db", folder.file("stop.sqlite"), "--port", "0"])
        #expect(try await server.listeningAddress().hasPrefix("http://127.0.0.1:"))
        let status = server.terminateAndWait()
        #expect(status == 0, "stderr: \(server.stderrText)")
        #expect(!server.stderrText.contains("Error:"))
    }

    @Test("replay re-evaluates stored evaluations with another policy: moved lines, the matrix and a summary")
    func replay() async throws {
        let folder = try Folder()
        let db = folder.file("replay.sqlite")
        let policy = folder.file("pass.rules")
        try Self.passPolicy.write(toFile: policy, atomically: true, encoding: .utf8)
        let key = try #require(try await Self.run(["keys", "create", "--mode", "test", "--db", db]).lines.first?["key"] as? String)
        do {
            let server = try ServiceServerProcess(arguments: ["serve", "--db", db, "--port", "0", "--policy", policy])
            defer { server.stop() }
            let client = ServiceHTTP(base: try await server.listeningAddress(), key: key)
            let accountID = try #require(try await client.send("POST", "/v1/accounts", body: "{}").json()["id"] as? String)
            for suffix in ["1", "2"] {
                let started = try await client.send("POST", "/v1/accounts/\(accountID)/phone_verifications", body: #"{"phone_number": "+44740012345\#(suffix)"}"#)
                #expect(started.status == 200)
            }
        }
        let strict = folder.file("strict.rules")
        try """
            policy cli_strict version 7
            input stage: "create" | "confirm"
            block STRICT when stage == "create"
            """.write(toFile: strict, atomically: true, encoding: .utf8)
        let replayed = try await Self.run(["replay", "--policy", strict, "--db", db, "--since", "1d"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        let moved = replayed.lines.filter { $0["type"] as? String == "moved" }
        #expect(moved.count == 2)
        #expect(moved.allSatisfy { $0["from"] as? String == "pass" && $0["to"] as? String == "block" && $0["stage"] as? String == "create" })
        let matrix = replayed.lines.filter { $0["type"] as? String == "matrix" }
        #expect(matrix.count == 1)
        #expect(matrix.first?["count"] as? Int == 2)
        let summary = try #require(replayed.lines.last)
        #expect(summary["type"] as? String == "summary")
        #expect(summary["evaluations"] as? Int == 2)
        #expect(summary["moved"] as? Int == 2)
        #expect(replayed.stderr.contains("from\\to"))

        let same = try await Self.run(["replay", "--policy", policy, "--db", db])
        #expect(same.lines.filter { $0["type"] as? String == "moved" }.isEmpty)
        #expect(try await Self.run(["replay", "--policy", strict, "--db", db, "--since", "yesterday"]).status == 64)
        #expect(try await Self.run(["replay", "--policy", folder.file("missing.rules"), "--db", db]).status == 1)
    }
}

/// A running `phonerisk serve`, its output gathered as it comes.
final class ServiceServerProcess: Sendable {
    private let process: Process
    private let stdout = NIOLockedValueBox("")
    private let stderr = NIOLockedValueBox("")

    init(arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = try BuiltCommand.executable()
        process.arguments = arguments
        process.environment = BuiltCommand.environment(environment)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdout = self.stdout, stderr = self.stderr
        output.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            stdout.withLockedValue { $0 += text }
        }
        errors.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            stderr.withLockedValue { $0 += text }
        }
        try process.run()
        self.process = process
    }

    var stderrText: String { stderr.withLockedValue { $0 } }

    /// Waits for serve's `listening on http://HOST:PORT` line and answers `http://HOST:PORT`.
    func listeningAddress() async throws -> String {
        let prefix = "listening on "
        let listeningLine = { (text: String) in
            text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().first { $0.hasPrefix(prefix) }
        }
        let text = try await wait(for: stdout) { listeningLine($0) != nil }
        return String(try #require(listeningLine(text)).dropFirst(prefix.count))
    }

    func waitForStderr(_ condition: (String) -> Bool) async throws -> String {
        try await wait(for: stderr, condition)
    }

    /// Polls the output until `condition` holds; gives up after a minute so a broken server fails the test rather than hanging it.
    private func wait(for box: NIOLockedValueBox<String>, _ condition: (String) -> Bool) async throws -> String {
        for _ in 0..<600 {
            let text = box.withLockedValue { $0 }
            if condition(text) { return text }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: "server output never matched; stderr: \(stderrText)"])
    }

    func hangUp() {
        kill(process.processIdentifier, SIGHUP)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Sends SIGTERM and returns the exit status.
    func terminateAndWait() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A small HTTP client for the tests, on URLSession.
struct ServiceHTTP: Sendable {
    let base: String
    let key: String

    struct Answer {
        let status: Int
        let body: Data

        func json() throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        }

        func risk() throws -> [String: Any] {
            try json()["risk"] as? [String: Any] ?? [:]
        }
    }

    func send(_ method: String, _ path: String, body: String? = nil) async throws -> Answer {
        var request = URLRequest(url: try #require(URL(string: base + path)))
        request.httpMethod = method
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return Answer(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
    }
}

extension BuiltCommand.Run {
    /// Each line of stdout that is a JSON object.
    var lines: [[String: Any]] {
        stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
