/// The default policy, `Rules/phone_verification.rules`, embedded in the binary
/// so that `phonerisk serve` works from any directory.
///
/// ```swift
/// let policy = try CompiledPolicy(source: DefaultPolicy.source, file: DefaultPolicy.fileName)
/// ```
public enum DefaultPolicy {
    /// The file name the embedded policy was read from, for diagnostics.
    public static let fileName = "phone_verification.rules"

    /// The policy's source text.
    public static var source: String {
        String(decoding: PackageResources.phone_verification_rules, as: UTF8.self)
    }
}
