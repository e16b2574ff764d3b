import Foundation
import PostgresNIO
@testable import PostgresStore
import SignalStore
import Testing

@Suite("PostgreSQL verification tables", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresVerificationStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func account(_ test: PostgresTestDatabase, _ id: String = "acct", mode: DataMode = .test) async throws {
        let start = start
        try await test.database.verifications.write("account") { tx in
            try tx.insertAccount(AccountRecord(id: id, mode: mode, phoneNumber: "+12025550123", phoneVerified: false,
                                               profile: AccountProfileData(email: "ada@example.com"), createdAt: start))
        }
    }

    func pending(_ test: PostgresTestDatabase, _ id: String, account: String = "acct", at date: Date? = nil) async throws {
        let created = date ?? start
        let phone = test.phoneKey("+12025550123")
        _ = try await test.database.verifications.write("verification") { tx in
            try tx.insertVerification(VerificationRecord(
                id: id, mode: .test, accountID: account, status: "pending", provider: "sandbox", phoneNumber: "+12025550123",
                phoneKey: phone, sends: 1, codeHashes: ["aa", "bb"], createdAt: created,
                lastSentAt: created, expiresAt: created.addingTimeInterval(600),
                risk: StoredRisk(decision: "pass", score: 0, reasons: ["A"], policy: "p", policyVersion: 1)))
        }
    }

    func stored(_ test: PostgresTestDatabase, _ id: String = "v1") async throws -> VerificationRecord? {
        try await test.database.verifications.read("read") { tx in try tx.verification(id: id, accountID: "acct", mode: .test) }
    }

    @Test func recordsRoundTripWithPersonalDataSealed() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let (account, other) = try await test.database.verifications.read("read") { tx in
                (try tx.account(id: "acct", mode: .test), try tx.account(id: "acct", mode: .live))
            }
            let verification = try await stored(test)
            #expect(account?.phoneNumber == "+12025550123")
            #expect(account?.profile.email == "ada@example.com")
            #expect(other == nil)
            #expect(verification?.codeHashes == ["aa", "bb"])
            #expect(verification?.risk == StoredRisk(decision: "pass", score: 0, reasons: ["A"], policy: "p", policyVersion: 1))
            #expect(verification?.expiresAt == start.addingTimeInterval(600))
            #expect(verification?.sequence ?? 0 > 0)
        }
    }

    @Test func aFallbackIsRecordedOnAClaimOnlyAndRoundTrips() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let phone = test.phoneKey("+12025550123")
            let start = start
            let fallback = ProviderFallback(from: "prove", to: "twilio", reason: "timeout")
            let (onPending, onClaim) = try await test.database.verifications.write("fallback") { tx in
                try tx.insertVerification(VerificationRecord(
                    id: "v2", mode: .test, accountID: "acct", status: "creating", provider: "prove", phoneNumber: "+12025550123",
                    phoneKey: phone, createdAt: start))
                return (try tx.recordFallback(id: "v1", fallback: fallback), try tx.recordFallback(id: "v2", fallback: fallback))
            }
            #expect(!onPending)
            #expect(onClaim)
            _ = try await test.database.verifications.write("finish") { tx in
                try tx.finishCreate(id: "v2", status: "pending", sends: 1, codeHashes: [], providerReference: "VE1",
                                    lastSentAt: start, expiresAt: start.addingTimeInterval(600),
                                    risk: StoredRisk(decision: "pass", score: 0, reasons: [], policy: "p", policyVersion: 1))
            }
            let finished = try await stored(test, "v2")
            #expect(finished?.fallback == fallback)
            #expect(finished?.provider == "twilio")
            #expect(try await stored(test, "v1")?.fallback == nil)
        }
    }

    @Test func noPhoneNumberOrPersonalDataIsInClearInAnyTable() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let phone = test.phoneKey("+12025550123")
            try await test.database.verifications.write("event") { tx in
                try tx.record(BehaviorEvent(kind: .verificationStarted, mode: .test, phone: phone, accountID: "acct",
                                            country: "US", occurredAt: Date()))
            }
            try await test.database.cache.store(SignalCacheEntry(
                key: SignalCacheKey(phone: phone, kind: .lineType, source: "sandbox"), payload: [1],
                storedAt: start, expiresAt: start.addingTimeInterval(60)))
            let everything = try await test.everyStoredValue()
            #expect(everything.contains(phone.hex))
            for secret in ["2025550123", "ada@example.com"] {
                #expect(!everything.contains(secret))
                #expect(!everything.contains(HexEncoding.encode(Array(secret.utf8))))
            }
        }
    }

    @Test func wrongCodesAreCountedConditionallyAndTheLastFails() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let now = start.addingTimeInterval(10)
            var changes: [Bool] = []
            for _ in 0..<7 {
                changes.append(try await test.database.verifications.write("wrong") { tx in
                    try tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: now)
                })
            }
            #expect(changes == [true, true, true, true, true, false, false])
            let record = try await stored(test)
            #expect(record?.wrongCodes == 5)
            #expect(record?.status == "failed")
            #expect(record?.failureReason == "max_attempts_reached")
        }
    }

    @Test func expiredCodesCannotBeCountedOrConfirmedButCanExpire() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let late = start.addingTimeInterval(600)
            let outcomes = try await test.database.verifications.write("late") { tx in
                [try tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: late),
                 try tx.transition(id: "v1", from: ["pending"], to: "verified", liveAt: late),
                 try tx.claimSend(id: "v1", maxSends: 5, now: late),
                 try tx.expire(id: "v1", now: late.addingTimeInterval(-1)),
                 try tx.expire(id: "v1", now: late),
                 try tx.expire(id: "v1", now: late)]
            }
            #expect(outcomes == [false, false, false, false, true, false])
            #expect(try await stored(test)?.status == "expired")
        }
    }

    @Test func transitionsOnlyFromTheExpectedStatesAndKeepOrReplaceTheRisk() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let now = start.addingTimeInterval(1)
            let review = StoredRisk(decision: "review", score: 700, reasons: ["X", "Y"], policy: "p", policyVersion: 2)
            let outcomes = try await test.database.verifications.write("transitions") { tx in
                [try tx.transition(id: "v1", from: ["pending"], to: "in_review", risk: review, liveAt: now, maxWrongCodes: 5),
                 try tx.transition(id: "v1", from: ["pending"], to: "verified", liveAt: now),
                 try tx.transition(id: "v1", from: ["in_review", "requires_step_up"], to: "failed", failureReason: "rejected")]
            }
            #expect(outcomes == [true, false, true])
            let record = try await stored(test)
            #expect(record?.status == "failed")
            #expect(record?.failureReason == "rejected")
            #expect(record?.risk == review)
        }
    }

    @Test func theWrongCodeLimitGuardsATransition() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let now = start.addingTimeInterval(1)
            let changed = try await test.database.verifications.write("guarded") { tx in
                _ = try tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: now)
                _ = try tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: now)
                return [try tx.transition(id: "v1", from: ["pending"], to: "verified", liveAt: now, maxWrongCodes: 2),
                        try tx.transition(id: "v1", from: ["pending"], to: "verified", liveAt: now, maxWrongCodes: 3)]
            }
            #expect(changed == [false, true])
        }
    }

    @Test func theSchemaRefusesImpossibleCountersAndRollsBackOnlyThatBody() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            for statement in ["UPDATE verifications SET wrong_codes = -1", "UPDATE verifications SET sends = 6",
                              "UPDATE verifications SET failure_reason = 'rejected'"] {
                await #expect(throws: SignalStoreError.self) {
                    try await test.database.verifications.write("impossible") { tx in
                        _ = try tx.claimSend(id: "v1", maxSends: 5, now: Date(timeIntervalSince1970: 1_800_000_001))
                        try (tx as! PostgresVerificationTransaction).session.query(PostgresQuery(unsafeSQL: statement))
                    }
                }
            }
            let record = try await stored(test)
            #expect(record?.sends == 1)
            #expect(record?.wrongCodes == 0)
        }
    }

    @Test func sendsAreClaimedUpToTheLimitAndGivenBack() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let now = start.addingTimeInterval(1)
            let outcomes = try await test.database.verifications.write("sends") { tx in
                var outcomes: [Bool] = []
                for _ in 0..<5 { outcomes.append(try tx.claimSend(id: "v1", maxSends: 5, now: now)) }
                try tx.releaseSend(id: "v1")
                outcomes.append(try tx.claimSend(id: "v1", maxSends: 5, now: now))
                outcomes.append(try tx.completeSend(id: "v1", codeHashes: ["cc"], providerReference: "VE1", sentAt: now,
                                                    expiresAt: now.addingTimeInterval(600)))
                return outcomes
            }
            #expect(outcomes == [true, true, true, true, false, true, true])
            let record = try await stored(test)
            #expect(record?.sends == 5)
            #expect(record?.codeHashes == ["cc"])
            #expect(record?.providerReference == "VE1")
            #expect(record?.expiresAt == now.addingTimeInterval(600))
        }
    }

    @Test func pendingVerificationsOfANumberAreTheLiveOnesOfItsModeAndProvider() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await account(test, "other")
            try await account(test, "live", mode: .live)
            try await pending(test, "v1")
            try await pending(test, "v2", account: "other", at: start.addingTimeInterval(60))
            try await pending(test, "v4", at: start.addingTimeInterval(10))
            let phone = test.phoneKey("+12025550123")
            let other = test.phoneKey("+12025550188")
            let start = start
            _ = try await test.database.verifications.write("others") { tx in
                _ = try tx.transition(id: "v4", from: ["pending"], to: "canceled")
                for (id, mode, account, status, provider, key) in [
                    ("t1", DataMode.test, "acct", "pending", "twilio", phone), ("c1", .test, "acct", "creating", "sandbox", phone),
                    ("l1", .live, "live", "pending", "sandbox", phone), ("n1", .test, "acct", "pending", "sandbox", other),
                ] {
                    try tx.insertVerification(VerificationRecord(
                        id: id, mode: mode, accountID: account, status: status, provider: provider, phoneNumber: "+12025550123",
                        phoneKey: key, createdAt: start, expiresAt: start.addingTimeInterval(600)))
                }
            }
            let found = try await test.database.verifications.read("pending") { tx in
                (try tx.pendingVerifications(phoneKey: phone, mode: .test, provider: "sandbox", liveAt: start.addingTimeInterval(30)),
                 try tx.pendingVerifications(phoneKey: phone, mode: .test, provider: "sandbox", liveAt: start.addingTimeInterval(600)),
                 try tx.pendingVerifications(phoneKey: phone, mode: .test, provider: "twilio", liveAt: start.addingTimeInterval(30)))
            }
            #expect(found.0.map(\.id) == ["v1", "v2"])
            #expect(found.0.first?.phoneNumber == "+12025550123")
            #expect(found.1.map(\.id) == ["v2"])
            #expect(found.2.map(\.id) == ["t1"])
        }
    }

    @Test func claimsCountTowardLimitsStayHiddenFinishAndGoStale() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            let phone = test.phoneKey("+12025550123")
            let start = start
            for claim in ["c1", "c2"] {
                _ = try await test.database.verifications.write("claim") { tx in
                    try tx.insertVerification(VerificationRecord(
                        id: claim, mode: .test, accountID: "acct", status: "creating", provider: "sandbox",
                        phoneNumber: "+12025550123", phoneKey: phone, createdAt: start))
                }
            }
            try await pending(test, "v2", at: start.addingTimeInterval(60))
            let counts = try await test.database.verifications.read("count") { tx in
                (try tx.startedCount(phoneKey: phone, mode: .test, since: start.addingTimeInterval(-1)),
                 try tx.startedCount(accountID: "acct", mode: .test, since: start.addingTimeInterval(-1)),
                 try tx.startedCount(phoneKey: phone, mode: .live, since: start.addingTimeInterval(-1)))
            }
            #expect(counts.0.count == 3 && counts.0.oldest == start)
            #expect(counts.1.count == 3)
            #expect(counts.2.count == 0 && counts.2.oldest == nil)
            let visible = try await test.database.verifications.read("list") { tx in
                (try tx.verification(id: "c1", accountID: "acct", mode: .test),
                 try tx.verifications(accountID: "acct", mode: .test, limit: 10, beforeSequence: nil).map(\.id))
            }
            #expect(visible.0 == nil)
            #expect(visible.1 == ["v2"])
            let risk = StoredRisk(decision: "pass", score: 10, reasons: [], policy: "p", policyVersion: 1)
            let finished = try await test.database.verifications.write("finish") { tx in
                [try tx.finishCreate(id: "c2", status: "pending", sends: 1, codeHashes: ["dd"], providerReference: nil,
                                     lastSentAt: start, expiresAt: start.addingTimeInterval(600), risk: risk),
                 try tx.finishCreate(id: "c2", status: "pending", sends: 1, codeHashes: ["dd"], providerReference: nil,
                                     lastSentAt: start, expiresAt: start.addingTimeInterval(600), risk: risk)]
            }
            #expect(finished == [true, false])
            let released = try await test.database.verifications.write("stale") { tx in
                try tx.releaseStaleClaims(phoneKey: phone, accountID: "acct", mode: .test, before: start.addingTimeInterval(300))
            }
            #expect(released == 1)
            let page = try await test.database.verifications.read("page") { tx in
                let all = try tx.verifications(accountID: "acct", mode: .test, limit: 10, beforeSequence: nil)
                return (all.map(\.id), try tx.verifications(accountID: "acct", mode: .test, limit: 10,
                                                            beforeSequence: all.first?.sequence).map(\.id))
            }
            #expect(page.0 == ["v2", "c2"])
            #expect(page.1 == ["c2"])
        }
    }

    @Test func evaluationsKeysAndAccountUpdatesRoundTrip() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let start = start
            try await test.database.verifications.write("evaluations") { tx in
                try tx.insertEvaluation(EvaluationRecord(
                    verificationID: "v1", mode: .test, stage: "create", signalsJSON: "{}", decision: "pass", score: 0,
                    reasons: [], policy: "p", policyVersion: 1, evaluatedAt: start))
                try tx.insertEvaluation(EvaluationRecord(
                    verificationID: "v1", mode: .test, stage: "confirm", signalsJSON: #"{"a":{"int":1}}"#, decision: "review",
                    score: 700, reasons: ["X", "Y"], policy: "p", policyVersion: 2, evaluatedAt: start.addingTimeInterval(60)))
                try tx.insertAPIKey(APIKeyRecord(id: "k1", mode: .live, prefix: "sk_live_abcdefgh", keyHash: "00ff",
                                                 createdAt: start, revokedAt: nil))
                try tx.updateAccountPhone(id: "acct", phoneNumber: "+447700900123", verified: true)
                try tx.updateAccountProfile(id: "acct", profile: AccountProfileData(firstName: "Ada", dateOfBirth: "1815-12-10"))
            }
            let (recent, live, latest, keys, all, account) = try await test.database.verifications.read("read") { tx in
                (try tx.evaluations(since: start.addingTimeInterval(1)),
                 try tx.evaluations(since: nil, mode: .live),
                 try tx.latestEvaluation(verificationID: "v1", stage: "create"),
                 try tx.apiKeys(prefix: "sk_live_abcdefgh"),
                 try tx.allAPIKeys(),
                 try tx.account(id: "acct", mode: .test))
            }
            #expect(recent.map(\.stage) == ["confirm"])
            #expect(recent.first?.reasons == ["X", "Y"])
            #expect(recent.first?.signalsJSON == #"{"a":{"int":1}}"#)
            #expect(live.isEmpty)
            #expect(latest?.decision == "pass")
            #expect(keys.map(\.id) == ["k1"])
            #expect(all.first?.mode == .live)
            #expect(account?.phoneNumber == "+447700900123" && account?.phoneVerified == true)
            #expect(account?.profile == AccountProfileData(firstName: "Ada", dateOfBirth: "1815-12-10"))
            #expect(try await test.database.verifications.write("revoke") { tx in try tx.revokeAPIKey(id: "k1", at: start) })
            #expect(try await !test.database.verifications.write("again") { tx in try tx.revokeAPIKey(id: "k1", at: start) })
            #expect(try await test.database.verifications.read("key") { tx in try tx.apiKey(id: "k1") }?.revokedAt == start)
            try await test.database.verifications.write("delete") { tx in try tx.deleteVerification(id: "v1") }
            #expect(try await test.rows("SELECT count(*) FROM evaluations").first?.decode(Int64.self) == 0)
        }
    }

    struct Refused: Error {}

    @Test func concurrentWritesCommitTogetherButAFailingOneRollsBackAlone() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            let phone = test.phoneKey("+12025550123")
            let (store, created) = (test.database.verifications, start)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
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
            let ids = try await store.read("ids") { tx in
                Set(try tx.verifications(accountID: "acct", mode: .test, limit: 100, beforeSequence: nil).map(\.id))
            }
            #expect(ids == Set((0..<40).filter { $0 % 3 != 0 }.map { "w\($0)" }))
        }
    }

    @Test func aStatementErrorInOneBodyLeavesTheOthersOfItsBatchCommitted() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            let phone = test.phoneKey("+12025550123")
            let (store, created) = (test.database.verifications, start)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await store.write("insert") { tx in
                                // Every fifth body names an account that does not exist: a foreign-key violation.
                                try tx.insertVerification(VerificationRecord(
                                    id: "f\(index)", mode: .test, accountID: index % 5 == 0 ? "nobody" : "acct",
                                    status: "pending", provider: "sandbox", phoneNumber: "+12025550123", phoneKey: phone,
                                    createdAt: created))
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 16)
            #expect(try await test.rows("SELECT count(*) FROM verifications").first?.decode(Int64.self) == 16)
        }
    }

    @Test func fiftyConcurrentConfirmsOnTwoInstancesHaveExactlyOneWinner() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let other = try await test.openAnotherInstance()
            let stores = [test.database.verifications, other.verifications]
            let now = start.addingTimeInterval(5)
            let wins = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        (try? await stores[index % 2].write("confirm") { tx in
                            try tx.transition(id: "v1", from: ["pending"], to: "verified", liveAt: now, maxWrongCodes: 5)
                        }) ?? false
                    }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            await other.close()
            #expect(wins == 1)
            #expect(try await stored(test)?.status == "verified")
        }
    }

    @Test func aRateLimitCountedInTheBodyIsExactAcrossInstances() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            let other = try await test.openAnotherInstance()
            let stores = [test.database.verifications, other.verifications]
            let phone = test.phoneKey("+12025550123")
            let created = start
            let limit = 5
            let granted = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        (try? await stores[index % 2].write("create") { tx -> Bool in
                            let started = try tx.startedCount(phoneKey: phone, mode: .test, since: created.addingTimeInterval(-3600))
                            guard started.count < limit else { return false }
                            try tx.insertVerification(VerificationRecord(
                                id: "r\(index)", mode: .test, accountID: "acct", status: "creating", provider: "sandbox",
                                phoneNumber: "+12025550123", phoneKey: phone, createdAt: created))
                            return true
                        }) ?? false
                    }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            await other.close()
            #expect(granted == limit)
            #expect(try await test.rows("SELECT count(*) FROM verifications").first?.decode(Int64.self) == Int64(limit))
        }
    }

    @Test func aWriteSeesTheWritesBeforeItInTheSameBatch() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            try await pending(test, "v1")
            let store = test.database.verifications
            let now = start.addingTimeInterval(1)
            let changed = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        (try? await store.write("wrong") { tx in try tx.recordWrongCode(id: "v1", maxWrongCodes: 5, now: now) }) ?? false
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(changed.filter { $0 }.count == 5)
            #expect(try await stored(test)?.wrongCodes == 5)
        }
    }

    @Test func aReadCannotWrite() async throws {
        try await PostgresTestDatabase.with { test in
            try await account(test)
            await #expect(throws: SignalStoreError.self) {
                try await test.database.verifications.read("sneaky write") { tx in
                    try tx.updateAccountPhone(id: "acct", phoneNumber: "+447700900123", verified: true)
                }
            }
        }
    }

    @Test func codesAndKeysHashedByTheStoreMatchTheSQLiteStoresHashes() async throws {
        try await PostgresTestDatabase.with { test in
            let secret = try StoreSecret(text: PostgresTestServer.secret)
            let purpose = HashPurpose("verification-code")
            #expect(test.database.verifications.hasher(for: purpose).hexDigest("123456")
                == KeyedHasher(secret: secret, purpose: purpose).hexDigest("123456"))
            #expect(test.phoneKey("+12025550123") == KeyedHasher(secret: secret, purpose: .phoneNumber).phoneNumberKey("+12025550123"))
        }
    }
}
