/// All of libphonenumber's metadata this module uses, decoded from the
/// generated payload once, at first use (`shared` is a lazily initialised
/// global, which Swift makes thread-safe).
final class MetadataTables: Sendable {
    /// The tables decoded from `MetadataPayload.text`.
    static let shared = MetadataTables(payload: MetadataPayload.text)

    /// Geographic regions by ISO code.
    let regionsByID: [String: RegionMetadata]
    /// Indexed by calling code (0...999): the regions sharing it, main region
    /// first, in libphonenumber's order; a non-geographic code has one "001" entry.
    let regionsByCallingCode: [[RegionMetadata]]
    /// Original carriers of mobile ranges.
    let carriers: CarrierTable

    init(regionsByID: [String: RegionMetadata], regionsByCallingCode: [[RegionMetadata]], carriers: CarrierTable) {
        self.regionsByID = regionsByID
        self.regionsByCallingCode = regionsByCallingCode
        self.carriers = carriers
    }

    /// The regions of a calling code, empty when no region uses it.
    @inline(__always)
    func regions(callingCode: Int) -> [RegionMetadata] {
        callingCode > 0 && callingCode < regionsByCallingCode.count ? regionsByCallingCode[callingCode] : []
    }

    /// libphonenumber's main region for a calling code (`region_code_for_country_code`).
    func mainRegion(callingCode: Int) -> RegionMetadata? {
        regions(callingCode: callingCode).first
    }
}
