/// The region and type libphonenumber gives a number.
struct Classification {
    let region: String?
    let type: PhoneNumberType
}

extension MetadataTables {
    /// libphonenumber's `region_code_for_number` and `number_type` in one pass.
    ///
    /// A calling code shared by several regions goes to the first region (in
    /// libphonenumber's order, main region first) whose leading digits match
    /// or, for a region without leading digits, whose patterns give a type.
    /// A calling code of one region always names it, valid or not.
    func classify(countryCode: Int, nationalDigits: [UInt8]) -> Classification {
        let candidates = regions(callingCode: countryCode)
        if candidates.count == 1 {
            return Classification(region: candidates[0].id, type: candidates[0].type(of: nationalDigits))
        }
        for region in candidates {
            if let leadingDigits = region.leadingDigits {
                if leadingDigits.matchesStart(of: nationalDigits) {
                    return Classification(region: region.id, type: region.type(of: nationalDigits))
                }
            } else {
                let type = region.type(of: nationalDigits)
                if type != .unknown {
                    return Classification(region: region.id, type: type)
                }
            }
        }
        return Classification(region: nil, type: .unknown)
    }
}
