import Foundation

/// Where the verification service keeps its tables (accounts, API keys,
/// verifications, evaluations) and the behaviour events written with them.
///
/// Two stores implement it: ``SQLiteVerificationStore`` (the embedded default)
/// and the PostgreSQL store of the `PostgresStore` module, for several service
/// instances sharing one database.
///
/// Every implementation keeps the same promises:
/// - each ``write(_:_:)`` body is atomic: everything it does commits together
///   or not at all, and an error it throws rolls back its own work only;
/// - writers are serialised, so a count-then-insert in one body (a rate limit)
///   is exact under any concurrency, across instances too;
/// - a caller is answered only once its body's writes are durable;
/// - numbers and personal data are sealed at rest, and looked up by keyed hash.
///
/// Bodies are synchronous: they issue a few statements and decide on their
/// results, never waiting on anything else inside the transaction.
///
/// ```swift
/// let changed = try await store.write("confirm") { tx in
///     try tx.recordWrongCode(id: id, maxWrongCodes: 5, now: .now)
/// }
/// ```
public protocol VerificationStore: Sendable {
    /// Hashes numbers into the keys that velocity counts and lookups use.
    var phoneNumberHasher: KeyedHasher { get }

    /// A keyed hasher of the store secret for `purpose` (codes, API keys).
    func hasher(for purpose: HashPurpose) -> KeyedHasher

    /// Runs `body` atomically in a write transaction, serialised with every other writer.
    ///
    /// An error thrown by the body rolls back what the body did and is rethrown as is; a database failure
    /// becomes ``SignalStoreError/databaseFailure(operation:reason:)``.
    ///
    /// - Parameters:
    ///   - operation: what the body does, for error messages.
    ///   - body: the work, given the transaction.
    func write<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T
    ) async throws -> T

    /// Runs `body` on a consistent read-only snapshot.
    ///
    /// - Parameters:
    ///   - operation: what the read does, for error messages.
    ///   - body: the work, given a read-only transaction.
    func read<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (any VerificationTransaction) throws -> T
    ) async throws -> T
}

/// One transaction on the verification tables, given to the bodies of
/// ``VerificationStore/write(_:_:)`` and ``VerificationStore/read(_:_:)``.
///
/// Its methods are the only storage operations of the verification service.
/// Updates that race (codes, sends, transitions) are conditional and report
/// whether they changed a row, so callers never read-then-write.
public protocol VerificationTransaction {
    /// Hashes numbers into velocity keys.
    var phoneHasher: KeyedHasher { get }

    // MARK: Verifications

    /// Inserts a verification (normally as a `creating` claim) and answers its sequence number.
    @discardableResult
    func insertVerification(_ record: VerificationRecord) throws -> Int64

    /// The visible verification `id` of `accountID` in `mode`, or nil (unknown, other account or mode, or still `creating`).
    func verification(id: String, accountID: String, mode: DataMode) throws -> VerificationRecord?

    /// Up to `limit` visible verifications of the account, newest first, older than `beforeSequence` when given.
    func verifications(accountID: String, mode: DataMode, limit: Int, beforeSequence: Int64?) throws -> [VerificationRecord]

    /// Verifications started for the number since `since` (every status, claims included) and the oldest one's time.
    func startedCount(phoneKey: PhoneNumberKey, mode: DataMode, since: Date) throws -> (count: Int, oldest: Date?)

    /// Verifications started by the account since `since` (every status, claims included) and the oldest one's time.
    func startedCount(accountID: String, mode: DataMode, since: Date) throws -> (count: Int, oldest: Date?)

    /// Deletes the `creating` claims of this number or account made before `before`: creates that died
    /// between their claim and their outcome (a crash, a dropped connection), which must not hold a rate limit.
    /// Answers how many were deleted.
    @discardableResult
    func releaseStaleClaims(phoneKey: PhoneNumberKey, accountID: String, mode: DataMode, before: Date) throws -> Int

    /// The `pending` verifications of the number in `mode` made through `provider` whose code is still live at
    /// `liveAt` (every account), oldest first: the ones a new verification of the number supersedes.
    func pendingVerifications(phoneKey: PhoneNumberKey, mode: DataMode, provider: String, liveAt: Date) throws -> [VerificationRecord]

    /// Deletes a verification (a create claim whose send failed).
    func deleteVerification(id: String) throws

    /// Turns a `creating` claim into its final state; answers whether the claim existed.
    func finishCreate(
        id: String, status: String, sends: Int, codeHashes: [String], providerReference: String?,
        lastSentAt: Date?, expiresAt: Date?, risk: StoredRisk
    ) throws -> Bool

    /// Records on a `creating` claim that it left its provider: `provider` becomes `fallback.to`
    /// and the fallback is kept with it. Returns whether the claim existed.
    func recordFallback(id: String, fallback: ProviderFallback) throws -> Bool

    /// Counts one wrong code on a live pending verification; the `maxWrongCodes`-th fails it
    /// (`max_attempts_reached`). Answers whether a row changed.
    func recordWrongCode(id: String, maxWrongCodes: Int, now: Date) throws -> Bool

    /// Applies `change` if its conditions hold; answers whether a row changed.
    func transition(_ change: StatusChange) throws -> Bool

    /// Marks a pending verification `expired` when its code expired at or before `now`; answers whether it changed.
    func expire(id: String, now: Date) throws -> Bool

    /// Claims one more send for a live pending verification below `maxSends`; answers whether it was granted.
    func claimSend(id: String, maxSends: Int, now: Date) throws -> Bool

    /// Gives back a send claimed by ``claimSend(id:maxSends:now:)`` whose delivery failed.
    func releaseSend(id: String) throws

    /// Stores a completed resend: the new code, the provider's id and the restarted expiry.
    /// Answers whether the verification was still pending.
    func completeSend(id: String, codeHashes: [String], providerReference: String?, sentAt: Date, expiresAt: Date) throws -> Bool

    // MARK: Accounts

    /// Inserts a new account.
    func insertAccount(_ account: AccountRecord) throws

    /// The account `id` of `mode`, or nil (unknown, or of the other mode).
    func account(id: String, mode: DataMode) throws -> AccountRecord?

    /// Sets the account's number and whether it is verified.
    func updateAccountPhone(id: String, phoneNumber: String, verified: Bool) throws

    /// Replaces the account's personal data.
    func updateAccountProfile(id: String, profile: AccountProfileData) throws

    // MARK: API keys

    /// Inserts a new key.
    func insertAPIKey(_ key: APIKeyRecord) throws

    /// The keys whose display prefix is `prefix` (normally one), revoked ones included.
    func apiKeys(prefix: String) throws -> [APIKeyRecord]

    /// Every key, oldest first.
    func allAPIKeys() throws -> [APIKeyRecord]

    /// The key `id`, or nil.
    func apiKey(id: String) throws -> APIKeyRecord?

    /// Marks the key revoked at `date` unless it already is; answers whether it changed.
    func revokeAPIKey(id: String, at date: Date) throws -> Bool

    // MARK: Evaluations

    /// Stores one policy evaluation.
    func insertEvaluation(_ evaluation: EvaluationRecord) throws

    /// The stored evaluations made at or after `since` (all when nil), oldest first, both modes unless `mode` is given.
    func evaluations(since: Date?, mode: DataMode?) throws -> [EvaluationRecord]

    /// The latest evaluation of `stage` for the verification, or nil.
    func latestEvaluation(verificationID: String, stage: String) throws -> EvaluationRecord?

    // MARK: Behaviour events

    /// Records a behaviour event in this transaction, so it commits or rolls back with the verification's own writes.
    func record(_ event: BehaviorEvent) throws
}

extension VerificationTransaction {
    /// Moves a verification from one of `from` to `to` with its latest risk answer; when `liveAt` is given the
    /// code must not have expired then, and when `maxWrongCodes` is given fewer wrong codes must have been counted.
    /// Answers whether a row changed.
    public func transition(
        id: String, from: [String], to status: String, failureReason: String? = nil, risk: StoredRisk? = nil,
        liveAt: Date? = nil, maxWrongCodes: Int? = nil
    ) throws -> Bool {
        try transition(StatusChange(
            id: id, from: from, to: status, failureReason: failureReason, risk: risk, liveAt: liveAt,
            maxWrongCodes: maxWrongCodes))
    }

    /// Every stored evaluation made at or after `since` (all when nil), of both modes.
    public func evaluations(since: Date?) throws -> [EvaluationRecord] {
        try evaluations(since: since, mode: nil)
    }
}
