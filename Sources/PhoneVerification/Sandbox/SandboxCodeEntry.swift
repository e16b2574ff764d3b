import Foundation

/// How fast the sandbox's simulated person types a code: the `behavior.code_entry` a
/// sandbox verification reports at confirm, instead of the time the test script took.
///
/// An integrator's automated test confirms within milliseconds of the create; measured,
/// that would read as a machine typing the code (`FAST_CODE_ENTRY`) on every clean number.
/// So the sandbox reports a person's 20 seconds, except for one documented fixture that
/// reports a machine's second, which reaches the fast-entry rules on purpose.
///
/// ```swift
/// SandboxCodeEntry.seconds(for: "+61491570006")   // 20
/// SandboxCodeEntry.seconds(for: "+61491572665")   // 1
/// ```
public enum SandboxCodeEntry {
    /// The number whose code is typed by a machine, one second after the send.
    public static let machineNumber = "+61491572665"
    /// A person reading the SMS and typing the code.
    public static let personSeconds: Int64 = 20
    /// A script reading the code from an inbox it controls.
    public static let machineSeconds: Int64 = 1

    /// The code-entry time the sandbox reports for `e164`, in seconds.
    ///
    /// - Parameter e164: the verification's number.
    /// - Returns: ``machineSeconds`` for ``machineNumber``, else ``personSeconds``.
    public static func seconds(for e164: String) -> Int64 {
        e164 == machineNumber ? machineSeconds : personSeconds
    }
}
