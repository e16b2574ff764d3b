import Foundation
@testable import PhoneVerification
import Testing

@Suite("Concurrent requests")
struct ConcurrencyTests {
    @Test func fiftyConcurrentRightCodesVerifyExactlyOnce() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        let outcomes = await withTaskGroup(of: Result<Verification, APIError>.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    do { return .success(try await harness.confirm(started, code: "123456")) }
                    catch let error as APIError { return .failure(error) }
                    catch { return .failure(.internalError) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let successes = outcomes.compactMap { try? $0.get() }
        #expect(successes.count == 1)
        #expect(successes.first?.status == .verified)
        let refusals = outcomes.compactMap { if case .failure(let error) = $0 { error.code } else { nil } }
        #expect(refusals.count == 49)
        #expect(refusals.allSatisfy { $0 == .verificationNotPending })
        let history = try await EvaluationHistory(store: harness.store).evaluations(since: nil)
        #expect(history.filter { $0.stage == .confirm }.count == 1)
    }

    @Test func thirtyConcurrentWrongCodesAreEachCounted() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        let errors = await withTaskGroup(of: APIError?.self) { group in
            for index in 0..<30 {
                group.addTask { await harness.apiError { try await harness.confirm(started, code: String(format: "9%05d", index)) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let codes = errors.compactMap { $0?.code }
        #expect(codes.count == 30)
        #expect(codes.filter { $0 == .incorrectCode }.count == 4)
        #expect(codes.filter { $0 == .maxAttemptsReached }.count == 1)
        #expect(codes.filter { $0 == .verificationNotPending }.count == 25)
        let remaining = errors.compactMap { $0?.code == .incorrectCode ? $0?.attemptsRemaining : nil }.sorted()
        #expect(remaining == [1, 2, 3, 4])
        let failed = try await harness.get(started)
        #expect(failed.status == .failed)
        #expect(failed.failureReason == .maxAttemptsReached)
        #expect(failed.attemptsRemaining == 0)
    }

    @Test func concurrentCreatesForOneNumberRespectTheRateLimitExactly() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        var accounts: [String] = []
        for _ in 0..<4 { accounts.append(try await harness.account()) }
        let outcomes = await withTaskGroup(of: APIError?.self) { group in
            for index in 0..<20 {
                let accountID = accounts[index % accounts.count]
                group.addTask { await harness.apiError { try await harness.start(accountID) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 5)
        #expect(outcomes.compactMap { $0?.code }.allSatisfy { $0 == .rateLimited })
        var stored = 0
        for accountID in accounts {
            stored += try await harness.service.listVerifications(accountID: accountID, ListRequest(limit: 100), mode: .test).data.count
        }
        #expect(stored == 5)
    }

    @Test func concurrentResendsNeverExceedTheSendLimit() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), mode: .live)
        let errors = await withTaskGroup(of: APIError?.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    await harness.apiError {
                        try await harness.service.resend(accountID: started.accountID.uuidString, id: started.id.uuidString, mode: .live)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(errors.filter { $0 == nil }.count == 4)
        #expect(errors.compactMap { $0?.code }.allSatisfy { $0 == .maxSendsReached })
        #expect(harness.scripted.sends.count == 5)
    }
}
