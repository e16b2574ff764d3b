import Foundation
import ScratchPostgres
import Testing
@testable import PhoneRiskServer

/// The service on PostgreSQL (`serve --db postgres://…`), over real sockets:
/// one instance through the whole flow, and two instances sharing one
/// database, as a scaled-out deployment runs.
@Suite("End to end on PostgreSQL", .enabled(if: ScratchPostgresDatabase.shouldRun), .serialized)
struct PostgresServiceTests {
    private func parallel(_ count: Int, _ request: @escaping @Sendable (Int) async throws -> LiveResponse) async throws -> [LiveResponse] {
        try await withThrowingTaskGroup(of: LiveResponse.self) { group in
            for index in 0..<count {
                group.addTask { try await request(index) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("account, verification, wrong and right code, the linked number, idempotent replay, list and health")
    func wholeFlow() async throws {
        try await ScratchPostgresDatabase.with { url in
            let service = try await TestService.make(databaseLocation: url)
            try await withLiveServer(service) { client in
                #expect(try await client.send(.GET, "/healthz", auth: .none).status == 200)
                let idempotent = [("Idempotency-Key", "account-1")]
                let body = #"{"email": "ada@example.com"}"#
                let first = try await client.send(.POST, "/v1/accounts", body: body, headers: idempotent)
                #expect(first.status == 200)
                let replay = try await client.send(.POST, "/v1/accounts", body: body, headers: idempotent)
                #expect(replay.status == 200)
                #expect(replay.body == first.body)
                let accountID = try #require(try first.json()["id"] as? String)

                let started = try await client.createVerification(accountID: accountID, phoneNumber: "+44 7400 123456")
                #expect(started.status == 200, "\(started.text)")
                let id = try #require(try started.json()["id"] as? String)
                #expect(try started.json()["status"] as? String == "pending")
                let confirm = "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm"
                let wrong = try await client.send(.POST, confirm, body: #"{"code": "999999"}"#)
                #expect(wrong.errorCode == "incorrect_code")
                #expect(try wrong.error("attempts_remaining") as? Int == 4)
                let right = try await client.send(.POST, confirm, body: #"{"code": "123456"}"#)
                #expect(right.status == 200)
                #expect(try right.json()["status"] as? String == "verified")

                let account = try await client.send(.GET, "/v1/accounts/\(accountID)").json()
                #expect(account["phone_number"] as? String == "+447400123456")
                #expect(account["phone_verified"] as? Bool == true)
                let list = try await client.send(.GET, "/v1/accounts/\(accountID)/phone_verifications").json()
                #expect((list["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
                // Modes partition the data on PostgreSQL as on SQLite.
                #expect(try await client.send(.GET, "/v1/accounts/\(accountID)", auth: .live).status == 404)
            }
        }
    }

    @Test("two instances on one database: 50 right confirms verify once, and the per-number limit holds across both")
    func twoInstances() async throws {
        try await ScratchPostgresDatabase.with { url in
            let limits = ["PHONERISK_RATE_LIMIT_PHONE": "5/10m", "PHONERISK_RATE_LIMIT_ACCOUNT": "100/1h"]
            let first = try await TestService.make(environment: limits, databaseLocation: url)
            let second = try await TestService.make(environment: limits, databaseLocation: url)
            try await withLiveServer(first) { one in
                try await withLiveServer(second) { two in
                    let clients = [one, two]
                    let accountID = try await one.createAccount()
                    let id = try #require(try await two.createVerification(accountID: accountID).json()["id"] as? String)
                    let confirm = "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm"
                    let confirms = try await parallel(50) { index in
                        try await clients[index % 2].send(.POST, confirm, body: #"{"code": "123456"}"#)
                    }
                    #expect(confirms.filter { $0.status == 200 }.count == 1)
                    #expect(confirms.filter { $0.status != 200 }.allSatisfy { $0.errorCode == "verification_not_pending" })

                    let otherAccount = try await two.createAccount()
                    let creates = try await parallel(12) { index in
                        try await clients[index % 2].createVerification(accountID: otherAccount, phoneNumber: "+447400654321")
                    }
                    #expect(creates.filter { $0.status == 200 }.count == 5)
                    #expect(creates.filter { $0.status == 429 }.count == 7)
                    let listed = try await one.send(.GET, "/v1/accounts/\(otherAccount)/phone_verifications?limit=100").json()
                    #expect((listed["data"] as? [Any])?.count == 5)
                }
            }
        }
    }
}
