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

    @Test("the key state computed once gives the one-shot HMAC for every input, repeated and interleaved, from any thread")
    func precomputedStateMatchesOneShot() async {
        let hasher = KeyedHasher(secret: secret, purpose: .phoneNumber)
        let key = secret.derivedKey(for: .phoneNumber)
        // Empty, short, exactly one and more than one 64-byte SHA-256 block, and non-ASCII.
        let inputs = ["", "+447700900123", String(repeating: "7", count: 64), String(repeating: "x", count: 200), "+44 é 電話",
                      "+33612345678" + String(repeating: "9", count: 55)]
        let references = inputs.map { input in
            Array(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key))
        }
        for _ in 0..<2 {
            for (input, reference) in zip(inputs, references) {
                #expect(hasher.digest(input) == reference, "\(input)")
                #expect(hasher.hexDigest(input) == reference.map { String(format: "%02x", $0) }.joined(), "\(input)")
            }
        }
        let answers = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { inputs.map(hasher.hexDigest) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0 == inputs.map(hasher.hexDigest) })
    }
}
