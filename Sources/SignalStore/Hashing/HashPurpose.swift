/// What a ``KeyedHasher`` hashes. Each purpose derives its own key from the
/// store secret, so a digest made for one purpose is useless for another.
///
/// Other modules add their purposes as static constants:
///
/// ```swift
/// extension HashPurpose {
///     static let verificationCode = HashPurpose("verification-code")
/// }
/// ```
public struct HashPurpose: Sendable, Hashable {
    /// The HKDF `info` label; never change the label of a purpose in use.
    public let label: String

    /// Creates a purpose.
    /// - Parameter label: a unique, stable label.
    public init(_ label: String) {
        self.label = label
    }

    /// Phone numbers (E.164) used as cache and velocity keys.
    public static let phoneNumber = HashPurpose("phone-number")

    /// Number blocks (an E.164 less its last 3 digits) used as traffic counter keys (``TrafficKeys``).
    public static let numberBlock = HashPurpose("number-block")
}
