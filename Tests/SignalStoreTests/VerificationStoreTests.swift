import Foundation
import GRDB
@testable import SignalStore
import Testing

@Suite("Verification tables")
struct VerificationStoreTests {
    let test: TestDatabase
    let store: SQLiteVerificationStore
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        test = try TestDatabase()
        store = SQLiteVerificationStore(database: test.database)
    }

    func account(_ id: String = "acct", mode: DataMode = .test) throws {
        try store.writeNow("account") { tx in
            try tx.insertAccount(AccountRecord(id: id, mode: mode, phoneNumber: "+12025550123", phoneVerified: false,
                                               profile: AccountProfileData(email: "ada@example.com"), createdAt: start))
        }
    }

    func pending(_ id: String, account: String = "acct", at date: Date? = nil, mode: DataMode = .test) throws {
        let created = date ?? start
        try store.writeNow("verification") { tx in
            try tx.insertVerification(VerificationRecord(
                id: id, mode: mode, accountID: account, status: "pending", provider: "sandbox", phoneNumber: "+12025550123",
                phoneKey: test.phoneKey("+12025550123"), sends: 1, codeHashes: ["aa", "bb"], createdAt: created,
                lastSentAt: created, expiresAt: created.addingTimeInterval(600),
                risk: StoredRisk(decision: "pass", score: 0, reasons: ["A"], policy: "p", policyVersion: 1)))
        }
    }

    @Test func recordsRoundTripWithPersonalDataSealed() throws {
        try account()
        try pending("v1")
        let (account, verification) = try store.readNow("read") { tx in
            (try tx.account(id: "acct", mode: .test), try tx.verification(id: "v1", accountID: "acct", mode: .test))
        }
        #expect(account?.phoneNumber == "+12025550123")
        #expect(account?.profile.email == "ada@example.com")
        #expect(verification?.codeHashes == ["aa", "bb"])
        #expect(verification?.risk?.reasons == ["A"])
        #expect(verification?.expiresAt == start.addingTimeInterval(600))
        #expect(try store.readNow("other mode") { tx in try tx.account(id: "acct", mode: .live) } == nil)
        let raw = try store.readNow("raw") { tx in
            try String.fetchAll(tx.db, sql: "SELECT quote(phone_sealed) || quote(profile_sealed) FROM accounts")
        }.joined()
        #expect(!raw.contains("2025550123") && !raw.contains("ada@"))
    }

    @Test func aFallbackIsRecordedOnAClaimOnlyAllOrNothing() throws {
        try account()
        try pending("v1")
        let fallback = ProviderFallback(from: "prove", to: "twilio", reason: "rate_limited")
        let (onPending, onClaim) = try store.writeNow("fallback") { tx in
            try tx.insertVerification(VerificationRecord(
                id: "v2", mode: .test, accountID: "acct", status: "creating", provider: "prove", phoneNumber: "+12025550123",
                phoneKey: test.phoneKey("+12025550123"), createdAt: start))
            return (try tx.recordFallback(id: "v1", fallback: fallback), try tx.recordFallback(id: "v2", fallback: fallback))
        }
        #expect(!onPending)
        #expect(onClaim)
        let claim = try store.readNow("read") { tx in
            try Row.fetchOne(tx.db, sql: "SELECT provider, fallback_from, fallback_to, fallback_reason FROM verifications WHERE id = 'v2'")
        }
        #expect(claim?["provider"] as String? == "twilio")
        #expect(claim?["fallback_reason"] as String? == "rate_limited")
        // The schema refuses a half-written fallback.
        #expect(throws: (any Error).self) {
            try store.writeNow("half") { tx in
                try tx.db.execute(sql: "UPDATE verifications SET fallback_from = NULL WHERE id = 'v2'")
            }
        }
    }

    @Test func sealedDataDoesNotOpenUnderAnotherSecret() throws {
        let sealed = try VerificationDataSealer(secret: test.database.secret).seal("+12025550123")
        let other = VerificationDataSealer(secret: try StoreSecret(text: String(repeating: "q", count: 40)))
        #expect(throws: SignalStoreError.self) { try other.openString(sealed) }
        #expect(try VerificationDataSealer(secret: test.database.secret).openString(sealed) == "+12025550123")
    }

    @Test func wrongCodesAreCountedConditionallyAndTheLastFails() throws {
        try account()
        try pending("v1")
        let now = start.addingTimeInterval(10)
        var changes: [Bool] = []
        for _ in 0..<7 {
            changes.append(try store.writeNow("wrong") { tx in try tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: now) })
        }
        #expect(changes == [true, true, true, true, true, false, false])
        let record = try store.readNow("read") { tx in try tx.verification(id: "v1", accountID: "acct", mode: .test) }
        #expect(record?.wrongCodes == 5)
        #expect(record?.status == "failed")
        #expect(record?.failureReason == "max_attempts_reached")
    }

    @Test func expiredCodesCannotBeCountedOrConfirmedButCanExpire() throws {
        try account()
        try pending("v1")
        let late = start.addingTimeInterval(600)
        try store.writeNow("late") { tx throws in
            #expect(try !tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: late))
            #expect(try !tx.transition(id: "v1", from: ["pending"], to: "verified", liveAt: late))
            #expect(try !tx.claimSend(id: "v1", maxSends: 5, now: late))
            #expect(try !tx.expire(id: "v1", now: late.addingTimeInterval(-1)))
            #expect(try tx.expire(id: "v1", now: late))
            #expect(try !tx.expire(id: "v1", now: late))
        }
    }

    @Test func transitionsOnlyFromTheExpectedStates() throws {
        try account()
        try pending("v1")
        let now = start.addingTimeInterval(1)
        try store.writeNow("transitions") { tx throws in
            #expect(try tx.transition(id: "v1", from: ["pending"], to: "in_review", liveAt: now, maxWrongCodes: 5))
            #expect(try !tx.transition(id: "v1", from: ["pending"], to: "verified", liveAt: now))
            #expect(try tx.transition(id: "v1", from: ["in_review", "requires_step_up"], to: "failed", failureReason: "rejected"))
        }
        let record = try store.readNow("read") { tx in try tx.verification(id: "v1", accountID: "acct", mode: .test) }
        #expect(record?.status == "failed")
        #expect(record?.failureReason == "rejected")
    }

    @Test func theSchemaRefusesImpossibleCounters() throws {
        try account()
        try pending("v1")
        #expect(throws: (any Error).self) {
            try store.writeNow("negative") { tx in try tx.db.execute(sql: "UPDATE verifications SET wrong_codes = -1") }
        }
        #expect(throws: (any Error).self) {
            try store.writeNow("six sends") { tx in try tx.db.execute(sql: "UPDATE verifications SET sends = 6") }
        }
        #expect(throws: (any Error).self) {
            try store.writeNow("reason without failure") { tx in try tx.db.execute(sql: "UPDATE verifications SET failure_reason = 'rejected'") }
        }
    }

    @Test func sendsAreClaimedUpToTheLimitAndGivenBack() throws {
        try account()
        try pending("v1")
        let now = start.addingTimeInterval(1)
        try store.writeNow("sends") { tx throws in
            for _ in 0..<4 { #expect(try tx.claimSend(id: "v1", maxSends: 5, now: now)) }
            #expect(try !tx.claimSend(id: "v1", maxSends: 5, now: now))
            try tx.releaseSend(id: "v1")
            #expect(try tx.claimSend(id: "v1", maxSends: 5, now: now))
            #expect(try tx.completeSend(id: "v1", codeHashes: ["cc"], providerReference: "VE1", sentAt: now,
                                        expiresAt: now.addingTimeInterval(600)))
        }
        let record = try store.readNow("read") { tx in try tx.verification(id: "v1", accountID: "acct", mode: .test) }
        #expect(record?.sends == 5)
        #expect(record?.codeHashes == ["cc"])
        #expect(record?.providerReference == "VE1")
    }

    @Test func pendingVerificationsOfANumberAreTheLiveOnesOfItsModeAndProvider() throws {
        try account()
        try account("other")
        try account("live", mode: .live)
        try pending("v1")
        try pending("v2", account: "other", at: start.addingTimeInterval(60))
        try pending("v3", account: "live", mode: .live)
        try pending("v4", at: start.addingTimeInterval(10))
        let phone = test.phoneKey("+12025550123")
        try store.writeNow("others") { tx in
            #expect(try tx.transition(id: "v4", from: ["pending"], to: "canceled"))
            for (id, status, provider) in [("t1", "pending", "twilio"), ("c1", "creating", "sandbox")] {
                try tx.insertVerification(VerificationRecord(
                    id: id, mode: .test, accountID: "acct", status: status, provider: provider, phoneNumber: "+12025550123",
                    phoneKey: phone, createdAt: start, expiresAt: start.addingTimeInterval(600)))
            }
            try tx.insertVerification(VerificationRecord(
                id: "n1", mode: .test, accountID: "acct", status: "pending", provider: "sandbox", phoneNumber: "+12025550188",
                phoneKey: test.phoneKey("+12025550188"), createdAt: start, expiresAt: start.addingTimeInterval(600)))
        }
        let (early, late, twilio) = try store.readNow("pending") { tx in
            (try tx.pendingVerifications(phoneKey: phone, mode: .test, provider: "sandbox", liveAt: start.addingTimeInterval(30)),
             try tx.pendingVerifications(phoneKey: phone, mode: .test, provider: "sandbox", liveAt: start.addingTimeInterval(600)),
             try tx.pendingVerifications(phoneKey: phone, mode: .test, provider: "twilio", liveAt: start.addingTimeInterval(30)))
        }
        #expect(early.map(\.id) == ["v1", "v2"])
        #expect(early.first?.phoneNumber == "+12025550123")
        #expect(late.map(\.id) == ["v2"])
        #expect(twilio.map(\.id) == ["t1"])
    }

    @Test func claimsCountTowardLimitsStayHiddenAndGoStale() throws {
        try account()
        let phone = test.phoneKey("+12025550123")
        try store.writeNow("claim") { tx in
            try tx.insertVerification(VerificationRecord(
                id: "c1", mode: .test, accountID: "acct", status: "creating", provider: "sandbox", phoneNumber: "+12025550123",
                phoneKey: phone, createdAt: start))
        }
        try pending("v2", at: start.addingTimeInterval(60))
        let counts = try store.readNow("count") { tx in
            (try tx.startedCount(phoneKey: phone, mode: .test, since: start.addingTimeInterval(-1)),
             try tx.startedCount(accountID: "acct", mode: .test, since: start.addingTimeInterval(-1)),
             try tx.startedCount(phoneKey: phone, mode: .live, since: start.addingTimeInterval(-1)))
        }
        #expect(counts.0.count == 2 && counts.0.oldest == start)
        #expect(counts.1.count == 2)
        #expect(counts.2.count == 0)
        let visible = try store.readNow("list") { tx in
            (try tx.verification(id: "c1", accountID: "acct", mode: .test),
             try tx.verifications(accountID: "acct", mode: .test, limit: 10, beforeSequence: nil).map(\.id))
        }
        #expect(visible.0 == nil)
        #expect(visible.1 == ["v2"])
        let released = try store.writeNow("stale") { tx in
            try tx.releaseStaleClaims(phoneKey: phone, accountID: "acct", mode: .test, before: start.addingTimeInterval(300))
        }
        #expect(released == 1)
    }

    @Test func evaluationsAndKeysRoundTrip() throws {
        try account()
        try pending("v1")
        try store.writeNow("evaluations") { tx in
            try tx.insertEvaluation(EvaluationRecord(
                verificationID: "v1", mode: .test, stage: "create", signalsJSON: "{}", decision: "pass", score: 0, reasons: [],
                policy: "p", policyVersion: 1, evaluatedAt: start))
            try tx.insertEvaluation(EvaluationRecord(
                verificationID: "v1", mode: .test, stage: "confirm", signalsJSON: #"{"a":{"int":1}}"#, decision: "review",
                score: 700, reasons: ["X", "Y"], policy: "p", policyVersion: 2, evaluatedAt: start.addingTimeInterval(60)))
            try tx.insertAPIKey(APIKeyRecord(id: "k1", mode: .live, prefix: "sk_live_abcdefgh", keyHash: "00ff", createdAt: start, revokedAt: nil))
        }
        let (recent, latest, keys) = try store.readNow("read") { tx in
            (try tx.evaluations(since: start.addingTimeInterval(1)),
             try tx.latestEvaluation(verificationID: "v1", stage: "create"),
             try tx.apiKeys(prefix: "sk_live_abcdefgh"))
        }
        #expect(recent.map(\.stage) == ["confirm"])
        #expect(recent.first?.reasons == ["X", "Y"])
        #expect(latest?.decision == "pass")
        #expect(keys.map(\.id) == ["k1"])
        #expect(try store.writeNow("revoke") { tx in try tx.revokeAPIKey(id: "k1", at: start) })
        #expect(try !store.writeNow("revoke again") { tx in try tx.revokeAPIKey(id: "k1", at: start) })
    }

    struct Refused: Error {}

    @Test func concurrentWritesCommitTogetherButAFailingOneRollsBackAlone() async throws {
        try account()
        let phone = test.phoneKey("+12025550123")
        let created = start
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask { [store] in
                    do {
                        try await store.write("insert") { tx in
                            try tx.insertVerification(VerificationRecord(
                                id: "w\(index)", mode: .test, accountID: "acct", status: "pending", provider: "sandbox",
                                phoneNumber: "+12025550123", phoneKey: phone, createdAt: created))
                            if index % 3 == 0 { throw Refused() }
                        }
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 26)
        let stored = try store.readNow("ids") { tx in
            Set(try tx.verifications(accountID: "acct", mode: .test, limit: 100, beforeSequence: nil).map(\.id))
        }
        #expect(stored == Set((0..<40).filter { $0 % 3 != 0 }.map { "w\($0)" }))
    }

    @Test func aWriteSeesTheWritesBeforeItInTheSameBatch() async throws {
        try account()
        try pending("v1")
        let now = start.addingTimeInterval(1)
        let changed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask { [store] in
                    (try? await store.write("wrong") { tx in try tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: now) }) ?? false
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(changed.filter { $0 }.count == 5)
    }
}
