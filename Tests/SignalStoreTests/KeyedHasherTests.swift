import Crypto
import Foundation
import Testing
@testable import SignalStore

@Suite("Keyed hashing")
struct KeyedHasherTests {
    let secret = try! StoreSecret(text: "an example secret that is long enough!!")

    @Test("digests are HMAC-SHA256 under the purpose's HKDF key, in hex")
    func matchesReference() {
        let hasher = KeyedHasher(secret: secret, purpose: .phoneNumber)
        let key = secret.derivedKey(for: .phoneNumber)
        let reference = HMAC<SHA256>.authenticationCode(for: Data("+447700900123".utf8), using: key)
            .map { String(format: "%02x", $0) }.joined()
        #expect(hasher.hexDigest("+447700900123") == reference)
        #expect(hasher.phoneNumberKey("+447700900123").hex == reference)
        #expect(reference.count == 64)
    }

    @Test("each purpose and each secret gives unrelated digests")
    func purposesAreSeparate() throws {
        let phone = KeyedHasher(secret: secret, purpose: .phoneNumber)
        let code = KeyedHasher(secret: secret, purpose: HashPurpose("verification-code"))
        let other = KeyedHasher(secret: try StoreSecret(text: String(repeating: "z", count: 32)), purpose: .phoneNumber)
        #expect(phone.hexDigest("123456") != code.hexDigest("123456"))
        #expect(phone.hexDigest("123456") != other.hexDigest("123456"))
        #expect(phone.hexDigest("123456") == phone.hexDigest("123456"))
    }

    @Test("matches accepts the right text only")
    func matches() {
        let hasher = KeyedHasher(secret: secret, purpose: HashPurpose("api-key"))
        let digest = hasher.hexDigest("sk_test_abc")
        #expect(hasher.matches("sk_test_abc", hexDigest: digest))
        #expect(hasher.matches("sk_test_abc", hexDigest: digest.uppercased()))
        #expect(!hasher.matches("sk_test_abd", hexDigest: digest))
        #expect(!hasher.matches("sk_test_abc", hexDigest: String(digest.dropLast())))
    }
}
