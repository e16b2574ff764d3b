import SignalStore

/// One-time codes: 6 digits drawn uniformly from the CSPRNG (leading zeros
/// kept), stored only as keyed hashes bound to their verification, compared
/// in constant time.
///
/// ```swift
/// let code = VerificationCode.generate()                              // "042917"
/// let hash = codes.hash(code, verificationID: id)
/// codes.matches("042917", anyOf: [hash], verificationID: id)          // true
/// ```
public struct VerificationCode: Sendable {
    /// The number of digits.
    public static let length = 6
    /// The hash purpose of codes: its own key, useless for anything else.
    static let purpose = HashPurpose("verification-code")

    private let hasher: KeyedHasher

    /// A code hasher under the store's secret.
    ///
    /// - Parameter hasher: a hasher of purpose `verification-code`.
    init(hasher: KeyedHasher) {
        self.hasher = hasher
    }

    /// A fresh code: uniform over 000000...999999.
    public static func generate() -> String {
        let value = SecureRandom.uniform(below: 1_000_000)
        let digits = String(value)
        return String(repeating: "0", count: length - digits.count) + digits
    }

    /// Whether `text` has the shape of a code (exactly 6 ASCII digits).
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The keyed hash of `code` for one verification (the same code in two verifications hashes differently).
    func hash(_ code: String, verificationID: String) -> String {
        hasher.hexDigest("\(verificationID):\(code)")
    }

    /// Whether `code` is one of the codes hashed in `hashes`; every hash is compared, each in constant time.
    func matches(_ code: String, anyOf hashes: [String], verificationID: String) -> Bool {
        var matched = false
        for hash in hashes where hasher.matches("\(verificationID):\(code)", hexDigest: hash) {
            matched = true
        }
        return matched
    }
}
