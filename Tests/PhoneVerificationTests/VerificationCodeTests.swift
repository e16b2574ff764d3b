import Foundation
@testable import PhoneVerification
import SignalStore
import Testing

@Suite("One-time codes")
struct VerificationCodeTests {
    @Test func codesAreSixDigitsWithLeadingZerosKept() {
        for _ in 0..<2_000 {
            let code = VerificationCode.generate()
            #expect(VerificationCode.isWellFormed(code), "\(code)")
        }
        #expect(VerificationCode.isWellFormed("000001"))
        #expect(!VerificationCode.isWellFormed("12345"))
        #expect(!VerificationCode.isWellFormed("١٢٣٤٥٦"))
    }

    /// Chi-square over 100,000 draws: each digit position (10 cells) and the leading two digits (100 cells).
    /// The thresholds are the 99.99th percentiles, so a correct generator fails about once in 10,000 runs.
    @Test func codesAreUniform() {
        let draws = 100_000
        var positions = Array(repeating: Array(repeating: 0, count: 10), count: VerificationCode.length)
        var leadingPairs = Array(repeating: 0, count: 100)
        for _ in 0..<draws {
            let digits = VerificationCode.generate().utf8.map { Int($0 - UInt8(ascii: "0")) }
            for (position, digit) in digits.enumerated() { positions[position][digit] += 1 }
            leadingPairs[digits[0] * 10 + digits[1]] += 1
        }
        func chiSquare(_ counts: [Int]) -> Double {
            let expected = Double(draws) / Double(counts.count)
            return counts.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
        }
        for counts in positions {
            #expect(chiSquare(counts) < 33.72)   // 9 degrees of freedom
        }
        #expect(chiSquare(leadingPairs) < 161.4) // 99 degrees of freedom
    }

    @Test func hashesAreKeyedBoundToTheVerificationAndCompared() throws {
        let secret = try StoreSecret(text: ServiceHarness.secretText)
        let codes = VerificationCode(hasher: KeyedHasher(secret: secret, purpose: VerificationCode.purpose))
        let hash = codes.hash("042917", verificationID: "a")
        #expect(hash.count == 64)
        #expect(!hash.contains("042917"))
        #expect(codes.matches("042917", anyOf: ["00", hash], verificationID: "a"))
        #expect(!codes.matches("042917", anyOf: [hash], verificationID: "b"))
        #expect(!codes.matches("042918", anyOf: [hash], verificationID: "a"))
        let otherPurpose = KeyedHasher(secret: secret, purpose: .phoneNumber).hexDigest("a:042917")
        #expect(otherPurpose != hash)
    }
}
