import Testing
@testable import SignalStore

@Suite("Signal cache keys")
struct SignalCacheKeyTests {
    static let digest = String(repeating: "ab", count: 32)

    func key(_ hex: String, kind: SignalKind = .lineType, source: String = "twilio") -> SignalCacheKey {
        SignalCacheKey(phone: PhoneNumberKey(hex: hex), kind: kind, source: source)
    }

    @Test("equal keys hash alike; keys differing anywhere in the digest, the kind or the source are different keys")
    func equalityAndHashing() {
        let base = key(Self.digest)
        #expect(base == key(Self.digest))
        #expect(base.hashValue == key(Self.digest).hashValue)
        // Differences past the 16 hashed bytes still make different keys.
        let lateDifference = key(String(Self.digest.dropLast()) + "c")
        #expect(base != lateDifference)
        #expect(base != key(Self.digest, kind: .simSwap))
        #expect(base != key(Self.digest, source: "sandbox"))
        #expect(base != key(String(Self.digest.prefix(16))))
        var map: [SignalCacheKey: Int] = [base: 1, lateDifference: 2, key(Self.digest, kind: .simSwap): 3]
        map[key(Self.digest)] = 4
        #expect(map.count == 3)
        #expect(map[base] == 4)
        #expect(map[lateDifference] == 2)
    }

    @Test("short and empty digests (read back from a damaged store) are keys like any other")
    func shortDigests() {
        #expect(key("") == key(""))
        #expect(key("") != key("a"))
        #expect(key("abc").hashValue == key("abc").hashValue)
    }
}
