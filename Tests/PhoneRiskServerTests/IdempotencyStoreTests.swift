import Foundation
import SignalStore
import Testing

@Suite("The idempotency store: atomic claims, byte-for-byte replay, retention")
struct IdempotencyStoreTests {
    private let directory: TemporaryDirectory
    private let database: SignalDatabase

    init() throws {
        directory = try TemporaryDirectory()
        let secret = try StoreSecret(bytes: [UInt8](repeating: 7, count: 32))
        database = try SignalDatabase(path: directory.file("idempotency.sqlite"), options: .init(secret: secret))
    }

    private let scope = IdempotencyScope(apiKeyID: "key-1", route: "POST /v1/accounts", key: "order-1")
    private let body = Array(#"{"email":"a@example.com"}"#.utf8)

    @Test("a new key is claimed, then replayed byte for byte once completed")
    func claimThenReplay() async throws {
        let store = SQLiteIdempotencyStore(database: database)
        #expect(try await store.claim(scope, requestBody: body) == .claimed)
        #expect(try await store.claim(scope, requestBody: body) == .inFlight)
        let answer = IdempotentResponse(status: 200, body: Array(#"{"id":"x","phone_number":"+447400123456"}"#.utf8))
        try await store.complete(scope, with: answer)
        #expect(try await store.claim(scope, requestBody: body) == .replay(answer))
        #expect(try await store.claim(scope, requestBody: body + [0x20]) == .bodyMismatch)
    }

    @Test("the stored answer is sealed: the database never holds it in clear")
    func sealed() async throws {
        let store = SQLiteIdempotencyStore(database: database)
        _ = try await store.claim(scope, requestBody: body)
        try await store.complete(scope, with: IdempotentResponse(status: 200, body: Array("+447400123456".utf8)))
        let raw = try Data(contentsOf: URL(fileURLWithPath: database.path))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: database.path + "-wal"))) ?? Data()
        #expect(raw.range(of: Data("+447400123456".utf8)) == nil)
        #expect(wal.range(of: Data("+447400123456".utf8)) == nil)
        #expect(wal.range(of: Data("order-1".utf8)) == nil)
    }

    @Test("keys are scoped by API key and route")
    func scoped() async throws {
        let store = SQLiteIdempotencyStore(database: database)
        #expect(try await store.claim(scope, requestBody: body) == .claimed)
        var otherKey = scope
        otherKey.apiKeyID = "key-2"
        var otherRoute = scope
        otherRoute.route = "POST /v1/accounts/a/phone_verifications"
        #expect(try await store.claim(otherKey, requestBody: body) == .claimed)
        #expect(try await store.claim(otherRoute, requestBody: body) == .claimed)
    }

    @Test("a released claim runs afresh; abandoned claims are dropped at start")
    func release() async throws {
        let store = SQLiteIdempotencyStore(database: database)
        #expect(try await store.claim(scope, requestBody: body) == .claimed)
        try await store.release(scope)
        #expect(try await store.claim(scope, requestBody: body) == .claimed)
        #expect(try await store.releaseAbandonedClaims() == 1)
        #expect(try await store.claim(scope, requestBody: body) == .claimed)
    }

    @Test("answers are kept for the retention and pruned after")
    func retention() async throws {
        let store = SQLiteIdempotencyStore(database: database, retention: .seconds(24 * 3600))
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try await store.claim(scope, requestBody: body, now: start) == .claimed)
        try await store.complete(scope, with: IdempotentResponse(status: 200, body: [1, 2, 3]))
        let almostADay = start.addingTimeInterval(24 * 3600 - 1)
        #expect(try await store.claim(scope, requestBody: body, now: almostADay) == .replay(IdempotentResponse(status: 200, body: [1, 2, 3])))
        var other = scope
        other.key = "order-2"
        _ = try await store.claim(other, requestBody: body, now: start.addingTimeInterval(24 * 3600 + 1))
        #expect(try await store.count() == 1)
        #expect(try await store.claim(scope, requestBody: body, now: start.addingTimeInterval(24 * 3600 + 2)) == .claimed)
    }

    @Test("of many identical claims made at once, exactly one wins")
    func parallelClaims() async throws {
        let store = SQLiteIdempotencyStore(database: database)
        let scope = self.scope
        let body = self.body
        let outcomes = try await withThrowingTaskGroup(of: IdempotencyClaim.self) { group in
            for _ in 0..<20 {
                group.addTask { try await store.claim(scope, requestBody: body) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .claimed }.count == 1)
        #expect(outcomes.filter { $0 == .inFlight }.count == 19)
    }
}
