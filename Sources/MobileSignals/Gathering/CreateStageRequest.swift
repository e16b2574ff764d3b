import Foundation
import PhoneNumbers
import SignalStore

/// The account a verification belongs to, as the gatherer needs it.
public struct AccountSnapshot: Sendable, Hashable {
    /// The account id.
    public var id: String
    /// When the account was created.
    public var createdAt: Date

    /// Creates a snapshot.
    /// - Parameters:
    ///   - id: the account id.
    ///   - createdAt: its creation time.
    public init(id: String, createdAt: Date) {
        self.id = id
        self.createdAt = createdAt
    }
}

/// What the caller knows about the end user's request.
public struct RequestContext: Sendable, Hashable {
    /// The country of the end user's IP (ISO 3166-1 alpha-2), as the caller knows it.
    public var ipCountry: String?

    /// Creates a context.
    /// - Parameter ipCountry: the IP's country, if the caller knows it.
    public init(ipCountry: String? = nil) {
        self.ipCountry = ipCountry
    }
}

extension RequestContext {
    /// ``ipCountry`` as `ip.country` carries it: trimmed of whitespace and
    /// upper-cased, `nil` when nothing is left.
    ///
    /// The usual value is already two upper-case ASCII letters and is taken as
    /// it is; only other text goes through Foundation's Unicode-aware trimming
    /// (about a microsecond on Linux).
    var normalizedIPCountry: String? {
        guard let text = ipCountry else { return nil }
        if !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) {
            return text
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed.uppercased()
    }
}

/// Everything ``SignalGatherer`` needs for the create stage of one verification.
///
/// ```swift
/// let request = CreateStageRequest(
///     number: try PhoneNumber.parse("+447700900123"),
///     account: AccountSnapshot(id: "acct_1", createdAt: account.createdAt),
///     context: RequestContext(ipCountry: "GB"),
///     mode: .live, now: Date()
/// )
/// ```
public struct CreateStageRequest: Sendable {
    /// The number being verified.
    public var number: PhoneNumber
    /// The account verifying it.
    public var account: AccountSnapshot
    /// The request context.
    public var context: RequestContext
    /// The API key's mode; behaviour counts only see this mode's events.
    public var mode: DataMode
    /// The time of the request; every age and window is measured from it.
    public var now: Date
    /// Whether the request starts a verification (a create) or sends again for one (a resend);
    /// only a start counts itself in the behaviour counts.
    public var startsVerification: Bool

    /// Creates a request.
    /// - Parameters:
    ///   - number: the parsed number.
    ///   - account: the account.
    ///   - context: the request context.
    ///   - mode: the key's mode.
    ///   - now: the request time.
    ///   - startsVerification: true for a create, false for a resend.
    public init(number: PhoneNumber, account: AccountSnapshot, context: RequestContext, mode: DataMode, now: Date,
                startsVerification: Bool = true) {
        self.number = number
        self.account = account
        self.context = context
        self.mode = mode
        self.now = now
        self.startsVerification = startsVerification
    }
}

extension PhoneNumber {
    /// The country recorded in behaviour events: the region, `"001"` for
    /// non-geographic numbers, `"ZZ"` when no region fits.
    public var behaviorCountry: String {
        region ?? "ZZ"
    }

    /// The number's traffic counter keys (``TrafficKeys``).
    /// - Parameters:
    ///   - network: `MCC-MNC`, if known (``TrafficKeys/network(mcc:mnc:)``).
    ///   - blockHasher: a hasher of purpose ``HashPurpose/numberBlock``.
    public func trafficKeys(network: String?, blockHasher: KeyedHasher) -> TrafficKeys {
        TrafficKeys(e164: e164, callingCode: countryCode, network: network, blockHasher: blockHasher)
    }
}
