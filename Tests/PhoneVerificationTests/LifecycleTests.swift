import Foundation
@testable import PhoneVerification
import Testing

@Suite("Resend, cancel, resolve, list")
struct LifecycleTests {
    @Test func resendRestartsExpiryKeepsWrongCodesAndStopsAtFiveSends() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        let (account, id) = (started.accountID.uuidString, started.id.uuidString)
        _ = await harness.apiError { try await harness.confirm(started, code: "999999") }
        for _ in 0..<4 {
            harness.clock.advance(seconds: 300)
            let resent = try await harness.service.resend(accountID: account, id: id, mode: .test)
            #expect(resent.expiresAt == harness.clock.now.addingTimeInterval(600))
            #expect(resent.attemptsRemaining == 4)
            #expect(resent.sandbox?.expectedCodes == SandboxProvider.expectedCodes)
        }
        let sixth = await harness.apiError { try await harness.service.resend(accountID: account, id: id, mode: .test) }
        #expect(sixth?.status == 429)
        #expect(sixth?.code == .maxSendsReached)
        harness.clock.advance(seconds: 599)
        #expect(try await harness.confirm(started, code: "123456").status == .verified)
    }

    @Test func aFailedResendGivesTheSendBack() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account(.live), mode: .live)
        let (account, id) = (started.accountID.uuidString, started.id.uuidString)
        harness.scripted.fail(with: .failed("HTTP 503"))
        for _ in 0..<6 {
            let error = await harness.apiError { try await harness.service.resend(accountID: account, id: id, mode: .live) }
            #expect(error?.status == 502)
        }
        harness.scripted.fail(with: nil)
        for _ in 0..<4 { _ = try await harness.service.resend(accountID: account, id: id, mode: .live) }
        #expect(harness.scripted.sends.count == 5)
        let sixth = await harness.apiError { try await harness.service.resend(accountID: account, id: id, mode: .live) }
        #expect(sixth?.code == .maxSendsReached)
    }

    @Test func cancelOnlyFromPending() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let started = try await harness.start(try await harness.account())
        let (account, id) = (started.accountID.uuidString, started.id.uuidString)
        #expect(try await harness.service.cancel(accountID: account, id: id, mode: .test).status == .canceled)
        let again = await harness.apiError { try await harness.service.cancel(accountID: account, id: id, mode: .test) }
        #expect(again?.status == 409)
        #expect(again?.message.contains("canceled") == true)
        #expect(await harness.apiError { try await harness.confirm(started, code: "123456") }?.status == 409)
        #expect(await harness.apiError { try await harness.service.resend(accountID: account, id: id, mode: .test) }?.status == 409)
    }

    @Test func resolveApprovesOrRejectsHeldVerifications() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(phone: nil)
        let review = try await harness.confirm(try await harness.start(accountID, ipCountry: "RU", phone: "+12025550177"), code: "123456")
        let stepUp = try await harness.confirm(try await harness.start(accountID, ipCountry: "FR", phone: "+12025550178"), code: "123456")
        let approved = try await harness.service.resolve(
            accountID: accountID, id: review.id.uuidString, ResolveRequest(outcome: "approve"), mode: .test)
        #expect(approved.status == .verified)
        #expect(try await harness.service.account(id: accountID, mode: .test).phoneNumber == "+12025550177")
        let rejected = try await harness.service.resolve(
            accountID: accountID, id: stepUp.id.uuidString, ResolveRequest(outcome: "reject"), mode: .test)
        #expect(rejected.status == .failed)
        #expect(rejected.failureReason == .rejected)
        let twice = await harness.apiError {
            try await harness.service.resolve(accountID: accountID, id: stepUp.id.uuidString, ResolveRequest(outcome: "approve"), mode: .test)
        }
        #expect(twice?.status == 409)
        let pending = try await harness.start(accountID, phone: "+12025550179")
        let fromPending = await harness.apiError {
            try await harness.service.resolve(accountID: accountID, id: pending.id.uuidString, ResolveRequest(outcome: "approve"), mode: .test)
        }
        #expect(fromPending?.code == .verificationNotPending)
        let badOutcome = await harness.apiError {
            try await harness.service.resolve(accountID: accountID, id: review.id.uuidString, ResolveRequest(outcome: "maybe"), mode: .test)
        }
        #expect(badOutcome?.status == 400)
        #expect(badOutcome?.param == "outcome")
    }

    @Test func listsNewestFirstInPages() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        var made: [Verification] = []
        for index in 0..<5 {
            made.append(try await harness.start(accountID, phone: "+1202555012\(index)"))
            harness.clock.advance(seconds: 1)
        }
        let first = try await harness.service.listVerifications(accountID: accountID, ListRequest(limit: 2), mode: .test)
        #expect(first.data.map(\.id) == [made[4].id, made[3].id])
        #expect(first.hasMore)
        let second = try await harness.service.listVerifications(
            accountID: accountID, ListRequest(limit: 2, startingAfter: first.data[1].id.uuidString), mode: .test)
        #expect(second.data.map(\.id) == [made[2].id, made[1].id])
        let last = try await harness.service.listVerifications(
            accountID: accountID, ListRequest(limit: 2, startingAfter: made[1].id.uuidString), mode: .test)
        #expect(last.data.map(\.id) == [made[0].id])
        #expect(!last.hasMore)
        #expect(try await harness.service.listVerifications(accountID: accountID, ListRequest(), mode: .test).data.count == 5)
        for limit in [0, 101, -1] {
            let error = await harness.apiError {
                try await harness.service.listVerifications(accountID: accountID, ListRequest(limit: limit), mode: .test)
            }
            #expect(error?.param == "limit")
        }
        for anchor in ["nope", UUID().uuidString] {
            let error = await harness.apiError {
                try await harness.service.listVerifications(accountID: accountID, ListRequest(startingAfter: anchor), mode: .test)
            }
            #expect(error?.status == 400)
            #expect(error?.param == "starting_after")
        }
    }
}
