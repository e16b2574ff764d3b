extension PhoneNumberType {
    /// Whether libphonenumber's carrier data applies to ranges of this type
    /// (`carrier.name_for_number`: mobile, fixed-line-or-mobile and pager).
    var hasOriginalCarrier: Bool {
        self == .mobile || self == .fixedLineOrMobile || self == .pager
    }
}
