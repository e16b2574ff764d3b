import PhoneNumbers

/// The line type of a number, with SIGNALS.md's `carrier.line_type` names as raw values.
public enum LineType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A mobile line.
    case mobile
    /// A fixed landline.
    case landline
    /// VoIP tied to a physical address.
    case fixedVoip = "fixed_voip"
    /// VoIP anyone can get online (the usual throwaway number).
    case nonFixedVoip = "non_fixed_voip"
    /// A toll-free number.
    case tollFree = "toll_free"
    /// A premium-rate number.
    case premium
    /// A shared-cost number.
    case sharedCost = "shared_cost"
    /// A personal (follow-me) number.
    case personal
    /// A pager.
    case pager
    /// A voicemail-only number.
    case voicemail
    /// A universal access number (a company's single number).
    case uan
    /// Not known.
    case unknown

    /// The line type derived from the range's type when no carrier lookup
    /// answered, exactly as SIGNALS.md's derivation table says.
    ///
    /// ```swift
    /// LineType(derivedFrom: .voip)   // .nonFixedVoip
    /// ```
    /// - Parameter type: the range's libphonenumber type.
    public init(derivedFrom type: PhoneNumberType) {
        switch type {
        case .mobile: self = .mobile
        case .fixedLine: self = .landline
        case .fixedLineOrMobile: self = .unknown
        case .voip: self = .nonFixedVoip
        case .tollFree: self = .tollFree
        case .premiumRate: self = .premium
        case .sharedCost: self = .sharedCost
        case .personalNumber: self = .personal
        case .pager: self = .pager
        case .voicemail: self = .voicemail
        case .uan: self = .uan
        case .unknown: self = .unknown
        }
    }
}
