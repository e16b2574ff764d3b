/// One signal value handed to a policy by a caller that already holds typed
/// values (the signal gatherer, tests), as opposed to JSON text.
///
/// A missing signal is simply absent from the signals dictionary.
///
/// ```swift
/// let signals: [String: SignalValue] = [
///     "phone.country": .string("GB"),
///     "sim_swap.age": .duration(seconds: 86_400),
/// ]
/// ```
public enum SignalValue: Sendable, Hashable {
    /// A 64-bit integer, for `int` inputs.
    case int(Int64)
    /// A floating-point number, for `float` inputs.
    case float(Double)
    /// A boolean, for `bool` inputs.
    case bool(Bool)
    /// A string, for `string` inputs and enumerations.
    case string(String)
    /// A span of time in whole seconds (may be negative), for `duration` inputs.
    case duration(seconds: Int64)
}
