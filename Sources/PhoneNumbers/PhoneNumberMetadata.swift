/// Facts about the libphonenumber metadata compiled into this module.
///
/// ```swift
/// PhoneNumberMetadata.sourceVersion   // "9.0.43"
/// ```
public enum PhoneNumberMetadata {
    /// The `phonenumbers` (PyPI) release the tables were generated from.
    public static let sourceVersion: String = MetadataPayload.sourceVersion

    /// Every geographic region with metadata, as ISO 3166-1 alpha-2 codes, sorted.
    public static var supportedRegions: [String] {
        MetadataTables.shared.regionsByID.keys.sorted()
    }

    /// Whether `region` (any case) is a region with metadata.
    ///
    /// - Parameter region: An ISO 3166-1 alpha-2 code such as `"GB"`.
    public static func isSupportedRegion(_ region: String) -> Bool {
        MetadataTables.shared.regionsByID[region.uppercased()] != nil
    }
}
