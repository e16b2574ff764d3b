// Interpolating a number into a log line must not leak it: a PhoneNumber
// describes itself masked. Use `e164` where the full number is meant.
extension PhoneNumber: CustomStringConvertible, CustomDebugStringConvertible {
    /// The masked form, `"+44******0123"`, so that `"\(number)"` is safe in logs.
    public var description: String { masked }

    /// The masked form with what is known about the range, e.g.
    /// `PhoneNumber(+44******0123, GB, mobile)`; never the full number.
    public var debugDescription: String {
        "PhoneNumber(\(masked), \(region ?? "no region"), \(isValid ? type.rawValue : "invalid"))"
    }
}
