import Foundation
@testable import PostgresStore
import SignalStore
import Testing

@Suite("PostgreSQL idempotency keys", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresIdempotencyStoreTests {
    let scope = IdempotencyScope(apiKeyID: "key_1", route: "POST /v1/verifications", key: "order-1234")
    let body = Array(#"{"phone_number":"+12025550123"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aClaimIsInFlightThenReplayedAndADifferentBodyIsAMismatch() async throws {
        try await PostgresTestDatabase.with { test in
            let store = test.database.idempotency
            #expect(try await store.claim(scope, requestBody: body, now: now) == .claimed)
            #expect(try await store.claim(scope, requestBody: body, now: now) == .inFlight)
            #expect(try await store.claim(scope, requestBody: Array("{}".utf8), now: now) == .bodyMismatch)
            let answer = IdempotentResponse(status: 201, body: Array(#"{"phone_number":"+12025550123"}"#.utf8))
            try await store.complete(scope, with: answer)
            #expect(try await store.claim(scope, requestBody: body, now: now) == .replay(answer))
            let otherRoute = IdempotencyScope(apiKeyID: "key_1", route: "POST /v1/accounts", key: "order-1234")
            #expect(try await store.claim(otherRoute, requestBody: body, now: now) == .claimed)
            #expect(try await store.count() == 2)
        }
    }

    @Test func aReleasedClaimRunsAfreshAndAnExpiredAnswerIsGone() async throws {
        try await PostgresTestDatabase.with { test in
            let store = test.database.idempotency
            #expect(try await store.claim(scope, requestBody: body, now: now) == .claimed)
            try await store.release(scope)
            #expect(try await store.claim(scope, requestBody: body, now: now) == .claimed)
            try await store.complete(scope, with: IdempotentResponse(status: 200, body: [1]))
            let dayLater = now.addingTimeInterval(24 * 3600 + 1)
            #expect(try await store.claim(scope, requestBody: Array("{}".utf8), now: dayLater) == .claimed)
        }
    }

    @Test func ofConcurrentIdenticalRequestsOnTwoInstancesExactlyOneRuns() async throws {
        try await PostgresTestDatabase.with { test in
            let other = try await test.openAnotherInstance()
            let stores = [test.database.idempotency, other.idempotency]
            let (scope, body, now) = (scope, body, now)
            let claims = try await withThrowingTaskGroup(of: IdempotencyClaim.self) { group in
                for index in 0..<20 {
                    group.addTask { try await stores[index % 2].claim(scope, requestBody: body, now: now) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            await other.close()
            #expect(claims.filter { $0 == .claimed }.count == 1)
            #expect(claims.filter { $0 == .inFlight }.count == 19)
        }
    }

    @Test func onlyClaimsOlderThanAnyRequestCountAsAbandoned() async throws {
        try await PostgresTestDatabase.with { test in
            let store = try #require(test.database.idempotency as? PostgresIdempotencyStore)
            let fresh = IdempotencyScope(apiKeyID: "key_1", route: "POST /v1/accounts", key: "fresh")
            #expect(try await store.claim(scope, requestBody: body, now: Date().addingTimeInterval(-600)) == .claimed)
            #expect(try await store.claim(fresh, requestBody: body, now: Date()) == .claimed)
            #expect(try await store.releaseAbandonedClaims() == 1)
            #expect(try await store.claim(fresh, requestBody: body, now: Date()) == .inFlight)
            #expect(try await store.claim(scope, requestBody: body, now: Date()) == .claimed)
        }
    }

    @Test func keysBodiesAndAnswersAreNotStoredInClear() async throws {
        try await PostgresTestDatabase.with { test in
            let store = test.database.idempotency
            #expect(try await store.claim(scope, requestBody: body, now: now) == .claimed)
            try await store.complete(scope, with: IdempotentResponse(status: 201, body: body))
            let stored = try await test.everyStoredValue()
            #expect(stored.contains("key_1"))
            #expect(!stored.contains("order-1234"))
            #expect(!stored.contains("2025550123"))
            #expect(!stored.contains(HexEncoding.encode(Array("2025550123".utf8))))
        }
    }
}
