import Foundation
@testable import PhoneVerification
import Testing

@Suite("What the database holds")
struct StorageSecrecyTests {
    @Test func theDatabaseNeverHoldsANumberACodeOrAKeyInClear() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let accountID = try await harness.service.createAccount(
            CreateAccountRequest(phoneNumber: "+12025550123", email: "ada@example.com",
                                 profile: .init(firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1815-12-10")),
            mode: .test
        ).id.uuidString
        let verification = try await harness.start(accountID, phone: "+12025550156")
        _ = await harness.apiError { try await harness.confirm(verification, code: "999999") }
        _ = try await harness.confirm(verification, code: "123456")
        let key = try await APIKeys(store: harness.store).create(mode: .live)
        let live = try await harness.start(try await harness.account(.live, phone: "+12025550189"), mode: .live)
        _ = try await harness.confirm(live, code: ScriptedProvider.rightCode, mode: .live)
        let bytes = try harness.databaseBytes()
        for secret in ["12025550123", "12025550156", "12025550189", "555-01", "123456", "999999", "424242",
                       "ada@example.com", "Lovelace", "1815-12-10", key.key, String(key.key.dropFirst(16))] {
            #expect(!bytes.contains(secret), "the database holds \(secret) in clear")
        }
        #expect(try await harness.service.account(id: accountID, mode: .test).profile.lastName == "Lovelace")
    }
}
