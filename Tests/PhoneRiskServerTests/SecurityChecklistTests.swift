import Foundation
import NIOHTTP1
import PhoneVerification
import Testing
@testable import PhoneRiskServer

/// The security checklist of API.md that the other suites leave open: secrets
/// never compared with `==`, 401s that tell nothing on any route, 404s that
/// tell nothing about other modes or accounts, and idempotency keys that never
/// cross API keys. (Where the rest of the checklist is tested: docs/RELIABILITY.md.)
@Suite("Security checklist")
struct SecurityChecklistTests {
    @Test("no source compares a code, key, token, secret or digest with == or !=")
    func noPlainComparisonOfSecrets() throws {
        #expect(!SecretComparisonScan.offending("guard code == expected else { return }").isEmpty)
        #expect(!SecretComparisonScan.offending("if record.keyHash != hasher.hexDigest(bearer) {").isEmpty)
        #expect(!SecretComparisonScan.offending(#"return candidate.authToken.elementsEqual(token)"#).isEmpty)
        #expect(SecretComparisonScan.offending("guard secret.count == Self.secretLength else {").isEmpty)
        #expect(SecretComparisonScan.offending("// a == code in a comment").isEmpty)

        let files = try SecretComparisonScan.sourceFiles()
        #expect(files.count > 50, "the scan must see the sources: \(files.count) files")
        var findings: [String] = []
        for file in files {
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() where !SecretComparisonScan.offending(String(line)).isEmpty {
                findings.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(findings.isEmpty, "secrets must be compared with KeyedHasher.matches, in constant time:\n\(findings.joined(separator: "\n"))")
    }

    @Test("on every route a missing, malformed, unknown, near-miss, other-prefix or revoked key gets the same 401")
    func indistinguishableRefusals() async throws {
        let service = try await TestService.make()
        let store = try ServiceStore(path: service.configuration.databasePath, environment: service.configuration.environment)
        let revoked = try await store.keys.create(mode: .test)
        _ = try await store.keys.revoke(id: revoked.info.id)
        let revokedLive = try await store.keys.create(mode: .live)
        _ = try await store.keys.revoke(id: revokedLive.info.id)
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let verificationID = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            let nearMiss = String(client.testKey.dropLast()) + (client.testKey.hasSuffix("A") ? "B" : "A")
            let otherPrefix = "sk_live_" + client.testKey.dropFirst("sk_test_".count)
            let refusals: [LiveClient.Auth] = [
                .none, .header("Bearer"), .header("Bearer \(client.testKey) extra"), .header("Token \(client.testKey)"),
                .header("Bearer \(nearMiss)"), .header("Bearer \(otherPrefix)"), .header("Bearer \(revoked.key)"),
                .header("Bearer \(revokedLive.key)"), .header("Bearer sk_test_" + String(repeating: "0", count: 32)),
            ]
            let item = "/v1/accounts/\(accountID)/phone_verifications/\(verificationID)"
            let routes: [(HTTPMethod, String, String?)] = [
                (.POST, "/v1/accounts", "{}"), (.GET, "/v1/accounts/\(accountID)", nil),
                (.POST, "/v1/accounts/\(accountID)/phone_verifications", #"{"phone_number": "+447400123456"}"#),
                (.GET, "/v1/accounts/\(accountID)/phone_verifications", nil), (.GET, item, nil),
                (.POST, item + "/confirm", #"{"code": "123456"}"#), (.POST, item + "/resend", "{}"),
                (.POST, item + "/cancel", "{}"), (.POST, item + "/resolve", #"{"outcome": "approve"}"#),
            ]
            var bodies: Set<String> = []
            var headerNames: Set<[String]> = []
            for (method, path, body) in routes {
                for auth in refusals {
                    let response = try await client.send(method, path, auth: auth, body: body)
                    #expect(response.status == 401, "\(method) \(path) with \(auth)")
                    bodies.insert(response.text)
                    headerNames.insert(response.headers.map { $0.name.lowercased() }.sorted())
                }
            }
            #expect(bodies.count == 1, "\(bodies)")
            #expect(headerNames.count == 1, "\(headerNames)")
            let after = try await client.send(.GET, item)
            #expect(try after.json()["status"] as? String == "pending", "the refused confirms changed nothing")
        }
    }

    @Test("an account or verification of the other mode, of another account, unknown or malformed: the same 404")
    func noEnumeration() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let testAccount = try await client.createAccount()
            let otherAccount = try await client.createAccount()
            let verificationID = try #require(try await client.createVerification(accountID: testAccount).json()["id"] as? String)
            let unknown = UUID().uuidString.lowercased()

            // Each probe is answered as if its id named nothing; the id echoed in the message is the probe's own.
            let accountProbes: [(String, LiveClient.Auth)] = [
                (testAccount, .live), (unknown, .test), (unknown, .live), ("not-a-uuid", .test), (testAccount.uppercased(), .live),
            ]
            var accountAnswers: Set<String> = []
            for (id, auth) in accountProbes {
                for (method, suffix, body) in [
                    (HTTPMethod.GET, "", nil as String?), (.GET, "/phone_verifications", nil),
                    (.POST, "/phone_verifications", #"{"phone_number": "+447400123456"}"#),
                ] {
                    let response = try await client.send(method, "/v1/accounts/\(id)\(suffix)", auth: auth, body: body)
                    #expect(response.status == 404, "\(method) \(id)\(suffix) as \(auth)")
                    accountAnswers.insert("\(response.status) " + response.text.replacingOccurrences(of: id, with: "ID"))
                }
            }
            #expect(accountAnswers.count == 1, "\(accountAnswers)")

            let verificationProbes: [(String, String, LiveClient.Auth)] = [
                (otherAccount, verificationID, .test), (testAccount, unknown, .test), (otherAccount, "not-a-uuid", .test),
            ]
            var verificationAnswers: Set<String> = []
            for (account, id, auth) in verificationProbes {
                for (method, suffix, body) in [
                    (HTTPMethod.GET, "", nil as String?), (.POST, "/confirm", #"{"code": "123456"}"#), (.POST, "/cancel", "{}"),
                ] {
                    let response = try await client.send(
                        method, "/v1/accounts/\(account)/phone_verifications/\(id)\(suffix)", auth: auth, body: body)
                    #expect(response.status == 404, "\(method) \(account)/\(id)\(suffix)")
                    verificationAnswers.insert("\(response.status) " + response.text.replacingOccurrences(of: id, with: "ID"))
                }
            }
            #expect(verificationAnswers.count == 1, "\(verificationAnswers)")
            let untouched = try await client.send(.GET, "/v1/accounts/\(testAccount)/phone_verifications/\(verificationID)")
            #expect(try untouched.json()["status"] as? String == "pending")
        }
    }

    @Test("an Idempotency-Key is the API key's own: the same key sent with another API key or mode replays nothing")
    func idempotencyKeysArePartitioned() async throws {
        let service = try await TestService.make()
        let store = try ServiceStore(path: service.configuration.databasePath, environment: service.configuration.environment)
        let secondTestKey = try await store.keys.create(mode: .test).key
        try await withLiveServer(service) { client in
            let header = [("Idempotency-Key", "shared-\(UUID().uuidString)")]
            var ids: Set<String> = []
            for auth in [LiveClient.Auth.test, .live, .header("Bearer \(secondTestKey)")] {
                let response = try await client.send(.POST, "/v1/accounts", auth: auth, body: "{}", headers: header)
                #expect(response.status == 200)
                #expect(response.headers["Idempotent-Replayed"].isEmpty, "\(auth) was given another key's answer")
                ids.insert(try #require(try response.json()["id"] as? String))
            }
            #expect(ids.count == 3)
            let replay = try await client.send(.POST, "/v1/accounts", auth: .test, body: "{}", headers: header)
            #expect(replay.headers["Idempotent-Replayed"].first == "true")
            #expect(ids.contains(try #require(try replay.json()["id"] as? String)))
        }
    }
}

/// Finds comparisons of secret values with `==`, `!=` or `elementsEqual` in
/// the modules that handle codes, keys and the store secret.
private enum SecretComparisonScan {
    /// Names that hold a code, a key, a credential or one of their digests.
    static let secretNames: Set<String> = [
        "code", "codes", "key", "apikey", "bearer", "token", "authtoken", "secret", "password", "otp",
        "codehash", "codehashes", "keyhash", "hexdigest", "digest", "expectedcodes", "rightcode",
    ]
    static let modules = ["PhoneVerification", "PhoneRiskServer", "SignalStore", "MobileSignals", "phonerisk"]

    nonisolated(unsafe) static let comparison = try! Regex(
        #"([A-Za-z_][\w.]*)\s*(?:==|!=)\s*([A-Za-z_][\w.]*)|([A-Za-z_][\w.]*)\.elementsEqual\(\s*([A-Za-z_][\w.]*)"#)

    /// The secret operands compared on `line` (comments ignored).
    static func offending(_ line: String) -> [String] {
        let code = line.components(separatedBy: "//").first ?? ""
        var found: [String] = []
        for match in code.matches(of: comparison) {
            for index in 1..<match.output.count {
                guard let operand = match.output[index].substring else { continue }
                let name = operand.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if secretNames.contains(name) { found.append(String(operand)) }
            }
        }
        return found
    }

    /// Every Swift file of the modules, found from this file's place in the package.
    static func sourceFiles() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files: [String] = []
        for module in modules {
            let directory = root.appendingPathComponent("Sources").appendingPathComponent(module).path
            guard let enumerator = FileManager.default.enumerator(atPath: directory) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if relative.hasSuffix(".swift") { files.append(directory + "/" + relative) }
            }
        }
        return files.sorted()
    }
}
