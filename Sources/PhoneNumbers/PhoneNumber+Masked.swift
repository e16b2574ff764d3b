extension PhoneNumber {
    /// The number for logs: calling code and last four digits only (`"+44******0123"`).
    ///
    /// Every hidden digit becomes one `*`, so the length still shows; a
    /// national number of four digits or fewer is hidden whole.
    public var masked: String {
        let digits = Array(nationalNumber)
        let shown = digits.count > 4 ? 4 : 0
        return "+\(countryCode)" + String(repeating: "*", count: digits.count - shown) + String(digits.suffix(shown))
    }
}
