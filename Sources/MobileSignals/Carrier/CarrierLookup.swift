import PhoneNumbers

/// A source of carrier data: Twilio Lookup in live mode, fixtures in the
/// sandbox, anything else a deployment plugs in.
///
/// ```swift
/// struct FixtureCarrier: CarrierLookup {
///     let source = "sandbox"
///     let supportedFields: Set<CarrierField> = [.lineType]
///     func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts {
///         CarrierFacts(carrierName: "Sandbox Mobile", lineType: .mobile)
///     }
/// }
/// ```
public protocol CarrierLookup: Sendable {
    /// A stable name that partitions the cache (`"twilio"`, `"sandbox"`), so
    /// answers of different sources never mix.
    var source: String { get }
    /// The packages this source can answer; the gatherer asks for no others.
    var supportedFields: Set<CarrierField> { get }
    /// Looks up one package for `number`.
    ///
    /// Throw when the source failed or answered something unreadable (the
    /// signals stay missing and the failure is cached briefly); return `nil`
    /// fields when the source answered but cannot tell.
    /// - Parameters:
    ///   - number: a valid number.
    ///   - field: the package wanted.
    func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts
    /// Whether the gatherer should ask this source for `field` about `number`
    /// (never for a package outside ``supportedFields``):
    /// a source whose package does not cover some numbers (Twilio's SMS pumping
    /// risk and North American numbers) says so here, and the signals stay missing
    /// without a request or a cache entry.
    /// - Parameters:
    ///   - field: any package; the gatherer asks about each one.
    ///   - number: a valid number.
    func asks(_ field: CarrierField, about number: PhoneNumber) -> Bool
}

extension CarrierLookup {
    /// Every package in ``supportedFields``, whatever the number.
    public func asks(_ field: CarrierField, about number: PhoneNumber) -> Bool {
        supportedFields.contains(field)
    }
}
