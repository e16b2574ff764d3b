import Foundation
@testable import PhoneVerification
import Testing

@Suite("API keys")
struct APIKeysTests {
    @Test func aKeyIsShownOnceAndAuthenticatesItsMode() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let keys = APIKeys(store: harness.store)
        let test = try await keys.create(mode: .test)
        let live = try await keys.create(mode: .live)
        #expect(test.key.hasPrefix("sk_test_"))
        #expect(test.key.count == "sk_test_".count + 32)
        #expect(live.key.hasPrefix("sk_live_"))
        #expect(test.info.prefix == String(test.key.prefix(16)))
        #expect(await keys.authenticate(test.key) == Authentication(keyID: test.info.id, mode: .test))
        #expect(await keys.authenticate(live.key) == Authentication(keyID: live.info.id, mode: .live))
        let listed = try await keys.list()
        #expect(Set(listed.map(\.id)) == [test.info.id, live.info.id])
        let json = String(decoding: try JSONEncoder().encode(listed[0]), as: UTF8.self)
        #expect(!json.contains(test.key) && !json.contains(live.key))
    }

    @Test func unknownMalformedAndRevokedKeysFail() async throws {
        let harness = try ServiceHarness()
        defer { harness.removeFiles() }
        let keys = APIKeys(store: harness.store)
        let created = try await keys.create(mode: .test)
        var tampered = Array(created.key)
        tampered[tampered.count - 1] = tampered.last == "a" ? "b" : "a"
        for bearer in ["", "sk_test_", "sk_test_short", "Bearer " + created.key, String(tampered),
                       created.key.replacingOccurrences(of: "sk_test_", with: "sk_live_"), created.key + "x", "sk_test_" + String(repeating: "!", count: 32)] {
            #expect(await keys.authenticate(bearer) == nil, "\(bearer)")
        }
        let revoked = try await keys.revoke(id: created.info.id)
        #expect(revoked.revokedAt != nil)
        #expect(await keys.authenticate(created.key) == nil)
        #expect(try await keys.revoke(id: created.info.id).revokedAt == revoked.revokedAt)
        await #expect(throws: APIKeyError.unknownKey(id: "nope")) { try await keys.revoke(id: "nope") }
    }
}
