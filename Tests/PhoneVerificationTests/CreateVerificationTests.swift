import Foundation
@testable import PhoneVerification
import Testing

@Suite("Creating verifications")
struct CreateVerificationTests {
    @Test func startsAPendingSandboxVerificationOfTheAccountsNumber() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        let verification = try await harness.start(accountID)
        #expect(verification.status == .pending)
        #expect(verification.provider == "sandbox")
        #expect(verification.phoneNumber == "+12025550123")
        #expect(verification.attemptsRemaining == 5)
        #expect(verification.failureReason == nil)
        #expect(verification.expiresAt == harness.clock.now.addingTimeInterval(600))
        #expect(verification.sandbox?.expectedCodes == ["123456", "000000", "111111"])
        #expect(verification.risk == RiskAssessment(decision: .pass, score: 10, reasons: ["CREATED"], policy: "service_test", policyVersion: 7))
    }

    @Test func readsANationalFormInTheRegionOfTheAccountsNumber() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        let verification = try await harness.start(accountID, phone: "(202) 555-0156")
        #expect(verification.phoneNumber == "+12025550156")
    }

    @Test func aNationalFormWithoutAnAccountNumberIsRefusedOnPhoneNumber() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(phone: nil)
        let error = await harness.apiError { try await harness.start(accountID, phone: "(202) 555-0156") }
        #expect(error?.status == 400)
        #expect(error?.code == .invalidPhoneNumber)
        #expect(error?.param == "phone_number")
        let missing = await harness.apiError { try await harness.start(accountID) }
        #expect(missing?.code == .missingField)
        #expect(missing?.param == "phone_number")
    }

    @Test(arguments: ["not a number", "+44 12", "+999 1234 5678", "+44 7700 900123", "+1 202 555 0123 4567 890"])
    func refusesNumbersThatAreNotValid(_ text: String) async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        let error = await harness.apiError { try await harness.start(accountID, phone: text) }
        #expect(error?.code == .invalidPhoneNumber)
        #expect(error?.param == "phone_number")
        #expect(try await harness.service.listVerifications(accountID: accountID, ListRequest(), mode: .test).data.isEmpty)
    }

    @Test func savesTheDateOfBirthToTheProfileAndRefusesUnrealDates() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        for bad in ["1990-02-30", "1990-13-01", "90-01-01", "1990-1-01", "2999-01-01", "1990/01/01"] {
            let error = await harness.apiError {
                try await harness.service.createVerification(
                    accountID: accountID, CreateVerificationRequest(dateOfBirth: bad), mode: .test)
            }
            #expect(error?.code == .invalidField, "\(bad)")
            #expect(error?.param == "date_of_birth", "\(bad)")
        }
        _ = try await harness.service.createVerification(
            accountID: accountID, CreateVerificationRequest(dateOfBirth: "2000-02-29"), mode: .test)
        let account = try await harness.service.account(id: accountID, mode: .test)
        #expect(account.profile.dateOfBirth == "2000-02-29")
    }

    @Test func aPolicyBlockIsStoredAsBlockedAndAnswered403WithTheObject() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        let error = try #require(await harness.apiError { try await harness.start(accountID, ipCountry: "KP") })
        #expect(error.status == 403)
        #expect(error.kind == .risk)
        #expect(error.code == .verificationBlocked)
        let blocked = try #require(error.verification)
        #expect(blocked.status == .blocked)
        #expect(blocked.expiresAt == nil)
        #expect(blocked.risk.decision == .block)
        #expect(blocked.risk.reasons == ["CREATED", "CREATE_BLOCK"])
        #expect(try await harness.get(blocked) == blocked)
        let confirm = await harness.apiError { try await harness.confirm(blocked, code: "123456") }
        #expect(confirm?.code == .verificationNotPending)
    }

    @Test func liveKeysCannotUseTheSandboxAndUnknownTypesAreRefused() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(.live)
        let sandbox = await harness.apiError { try await harness.start(accountID, mode: .live, type: "sandbox") }
        #expect(sandbox?.code == .invalidField)
        #expect(sandbox?.param == "type")
        let unknown = await harness.apiError { try await harness.start(accountID, mode: .live, type: "pigeon") }
        #expect(unknown?.param == "type")
        let prove = await harness.apiError { try await harness.start(accountID, mode: .live, type: "prove") }
        #expect(prove?.status == 503)
        #expect(prove?.code == .providerNotConfigured)
    }

    @Test func liveModeDefaultsToTheLiveProvider() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(.live)
        let verification = try await harness.start(accountID, mode: .live)
        #expect(verification.provider == "twilio")
        #expect(verification.sandbox == nil)
        #expect(harness.scripted.sends == ["+12025550123"])
    }

    @Test func anUnconfiguredTwilioAnswers503AndStoresNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let providers = try ProviderSet.standard(environment: [:])
        let error = #expect(throws: APIError.self) { try providers.usable(providers.provider(named: nil, mode: .live), mode: .live) }
        #expect(error?.status == 503)
        #expect(error?.code == .providerNotConfigured)
        #expect(error?.message.contains("PHONERISK_TWILIO_ACCOUNT_SID") == true)
        #expect(try providers.provider(named: nil, mode: .test).name == "sandbox")
    }

    @Test func aProviderFailureIs502LeavesNothingAndCanBeRetried() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account(.live)
        harness.scripted.fail(with: .failed("HTTP 500"))
        let error = await harness.apiError { try await harness.start(accountID, mode: .live) }
        #expect(error?.status == 502)
        #expect(error?.code == .providerFailed)
        #expect(try await harness.service.listVerifications(accountID: accountID, ListRequest(), mode: .live).data.isEmpty)
        let timeout = await harness.apiError {
            harness.scripted.fail(with: .timeout(seconds: 10))
            return try await harness.start(accountID, mode: .live)
        }
        #expect(timeout?.status == 502)
        harness.scripted.fail(with: nil)
        for _ in 0..<5 {
            _ = try await harness.start(accountID, mode: .live)
        }
        #expect(try await harness.service.listVerifications(accountID: accountID, ListRequest(), mode: .live).data.count == 5)
    }

    @Test func perNumberRateLimitWithRetryAfterCountingBlockedOnes() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let first = try await harness.account()
        let second = try await harness.account()
        _ = await harness.apiError { try await harness.start(first, ipCountry: "KP") }
        for _ in 0..<2 { _ = try await harness.start(first) }
        harness.clock.advance(seconds: 60)
        for _ in 0..<2 { _ = try await harness.start(second) }
        let limited = try #require(await harness.apiError { try await harness.start(second) })
        #expect(limited.status == 429)
        #expect(limited.code == .rateLimited)
        #expect(limited.retryAfter == 540)
        #expect(try await harness.service.listVerifications(accountID: second, ListRequest(), mode: .test).data.count == 2)
        let otherNumber = try await harness.start(second, phone: "+12025550199")
        #expect(otherNumber.status == .pending)
        let liveAccount = try await harness.account(.live)
        #expect(try await harness.start(liveAccount, mode: .live).status == .pending)
        harness.clock.advance(seconds: 540)
        #expect(try await harness.start(second).status == .pending)
    }

    @Test func perAccountRateLimit() async throws {
        var configuration = VerificationConfiguration()
        configuration.accountRateLimit = try RateLimit(parsing: "3/1h")
        let harness = try ServiceHarness(configuration: configuration)
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        for index in 0..<3 { _ = try await harness.start(accountID, phone: "+1202555011\(index)") }
        let limited = await harness.apiError { try await harness.start(accountID, phone: "+12025550119") }
        #expect(limited?.code == .rateLimited)
        #expect(limited?.retryAfter == 3_600)
        #expect(limited?.message.contains("account") == true)
    }

    @Test func objectsOfTheOtherModeAreMissing() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.account()
        let verification = try await harness.start(accountID)
        let account = await harness.apiError { try await harness.service.account(id: accountID, mode: .live) }
        #expect(account?.status == 404)
        #expect(account?.code == .resourceMissing)
        let other = await harness.apiError { try await harness.get(verification, mode: .live) }
        #expect(other?.status == 404)
        let foreign = try await harness.account()
        let crossAccount = await harness.apiError {
            try await harness.service.verification(accountID: foreign, id: verification.id.uuidString, mode: .test)
        }
        #expect(crossAccount?.status == 404)
        let malformed = await harness.apiError { try await harness.service.account(id: "../etc", mode: .test) }
        #expect(malformed?.status == 404)
    }
}
