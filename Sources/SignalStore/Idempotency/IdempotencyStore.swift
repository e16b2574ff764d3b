import Foundation

/// Keeps the first answer to each idempotency key and hands it back to
/// repeats of the same request (API.md's `Idempotency-Key`).
///
/// Implemented by ``SQLiteIdempotencyStore`` and by the PostgreSQL store.
/// Every implementation keeps the same promises: of two identical requests
/// arriving together exactly one is ``IdempotencyClaim/claimed``; keys and
/// bodies are kept only as keyed hashes and answers only sealed
/// (``IdempotencySealer``); an answer older than the retention is gone.
///
/// ```swift
/// switch try await store.claim(scope, requestBody: body, now: Date()) {
/// case .claimed:
///     let answer = try await run()
///     try await store.complete(scope, with: answer)
/// case .replay(let answer): return answer
/// case .inFlight, .bodyMismatch: throw …
/// }
/// ```
public protocol IdempotencyStore: Sendable {
    /// Claims `scope` for a request with `requestBody`, or reports what holds it.
    ///
    /// - Parameters:
    ///   - scope: The API key, route and idempotency key.
    ///   - requestBody: The request body, compared with the first one's.
    ///   - now: The current time.
    /// - Returns: What to do with the request.
    func claim(_ scope: IdempotencyScope, requestBody: some Sequence<UInt8>, now: Date) async throws -> IdempotencyClaim

    /// Stores the answer to a claimed request, to be replayed from now on.
    func complete(_ scope: IdempotencyScope, with response: IdempotentResponse) async throws

    /// Gives a claim up without keeping an answer (5xx, 429): the next request with the key runs afresh.
    func release(_ scope: IdempotencyScope) async throws

    /// Drops every `in_flight` claim, when the service starts: a claim left by a process that died would
    /// otherwise answer 409 until pruned. Answers how many were dropped.
    @discardableResult
    func releaseAbandonedClaims() async throws -> Int

    /// How many keys are stored, for tests and operators.
    func count() async throws -> Int
}

extension IdempotencyStore {
    /// ``claim(_:requestBody:now:)`` at the current time.
    public func claim(_ scope: IdempotencyScope, requestBody: some Sequence<UInt8>) async throws -> IdempotencyClaim {
        try await claim(scope, requestBody: requestBody, now: Date())
    }
}
