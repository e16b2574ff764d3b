/// The kind of line a number range is assigned to, as libphonenumber classifies it.
///
/// Raw values are exactly the `phone.type` names of SIGNALS.md, so a policy
/// compares against them directly:
///
/// ```swift
/// let number = try PhoneNumber.parse("+447700900123")
/// number.type            // .mobile
/// number.type.rawValue   // "mobile"
/// ```
public enum PhoneNumberType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A geographic landline.
    case fixedLine = "fixed_line"
    /// A mobile line.
    case mobile = "mobile"
    /// A range whose numbers may be either (the USA and Canada, among others).
    case fixedLineOrMobile = "fixed_line_or_mobile"
    /// Free to the caller.
    case tollFree = "toll_free"
    /// Charged above the normal rate.
    case premiumRate = "premium_rate"
    /// Cost split between caller and recipient.
    case sharedCost = "shared_cost"
    /// Voice over IP.
    case voip = "voip"
    /// A personal number that forwards to another line.
    case personalNumber = "personal_number"
    /// A pager.
    case pager = "pager"
    /// A universal access number (one number for a whole company).
    case uan = "uan"
    /// A voicemail access number.
    case voicemail = "voicemail"
    /// Not valid, or of no type the metadata knows.
    case unknown = "unknown"
}
