import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PhoneNumbers

/// Carrier data from Twilio Lookup v2 (`line_type_intelligence`, `sim_swap`,
/// `call_forwarding`, `sms_pumping_risk`, `line_status`), one package per
/// request so each is cached with its own time to live.
///
/// ```swift
/// let lookup = TwilioLookup(configuration: TwilioLookupConfiguration(accountSID: sid, authToken: token))
/// let facts = try await lookup.lookup(number, field: .lineType)
/// facts.lineType   // .nonFixedVoip for Twilio's "nonFixedVoip"
/// ```
///
/// Porting is not part of these packages, so `carrier.ported` and
/// `carrier.ported_age` stay missing with this source.
public struct TwilioLookup: CarrierLookup {
    /// The cache partition of Twilio's answers.
    public let source = "twilio"
    /// Where and how to reach Twilio.
    public let configuration: TwilioLookupConfiguration
    private let client: HTTPClient
    private let clock: @Sendable () -> Date

    /// The largest body read; Lookup answers are a few hundred bytes.
    static let maximumBodyBytes = 256 * 1024

    /// Creates the source.
    /// - Parameters:
    ///   - configuration: credentials, base URL, timeout and packages.
    ///   - client: the HTTP client; the shared one by default.
    ///   - clock: when an answer arrived, which anchors Twilio's relative `swapped_period`.
    public init(configuration: TwilioLookupConfiguration, client: HTTPClient = .shared, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.client = client
        self.clock = clock
    }

    /// The packages configured in ``configuration``.
    public var supportedFields: Set<CarrierField> { configuration.fields }

    /// The regions Twilio's SMS pumping risk package does not cover (its
    /// documentation excludes United States and Canadian numbers).
    public static let smsPumpingRiskExcludedRegions: Set<String> = ["US", "CA"]

    /// The configured packages, except `sms_pumping_risk` for a number of
    /// ``smsPumpingRiskExcludedRegions``: its signals stay missing there.
    public func asks(_ field: CarrierField, about number: PhoneNumber) -> Bool {
        guard configuration.fields.contains(field) else { return false }
        guard field == .smsPumpingRisk, let region = number.region else { return true }
        return !Self.smsPumpingRiskExcludedRegions.contains(region)
    }

    /// Requests one package for `number` and maps the answer onto SIGNALS.md names.
    /// - Throws: ``TwilioLookupError`` for transport failures, non-200 statuses, package errors and unreadable bodies.
    public func lookup(_ number: PhoneNumber, field: CarrierField) async throws -> CarrierFacts {
        let encodedNumber = number.e164.replacingOccurrences(of: "+", with: "%2B")
        var request = HTTPClientRequest(url: "\(configuration.baseURL)/v2/PhoneNumbers/\(encodedNumber)?Fields=\(field.rawValue)")
        request.method = .GET
        request.headers.add(name: "Authorization", value: basicAuthorization)
        request.headers.add(name: "Accept", value: "application/json")

        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: configuration.timeout.timeAmount)
            status = response.status
            headers = response.headers
            body = try await response.body.collect(upTo: Self.maximumBodyBytes)
        } catch {
            throw TwilioLookupError.transport(String(describing: type(of: error)) + ": " + Self.safeDescription(of: error))
        }
        let receivedAt = clock()
        let bytes = Data(body.readableBytesView)
        guard status == .ok else {
            let code = (try? JSONDecoder().decode(TwilioErrorBody.self, from: bytes))?.code
            if status == .tooManyRequests {
                throw TwilioLookupError.rateLimited(retryAfter: headers.first(name: "Retry-After"))
            }
            throw TwilioLookupError.httpStatus(Int(status.code), twilioCode: code)
        }
        let decoded: TwilioLookupResponse
        do {
            decoded = try JSONDecoder().decode(TwilioLookupResponse.self, from: bytes)
        } catch {
            throw TwilioLookupError.malformedResponse("the body is not Lookup v2 JSON (\(bytes.count) bytes)")
        }
        guard decoded.phone_number != nil else {
            throw TwilioLookupError.malformedResponse("the body has no phone_number")
        }
        if decoded.valid == false {
            return CarrierFacts()
        }
        return try decoded.facts(for: field, receivedAt: receivedAt)
    }

    private var basicAuthorization: String {
        "Basic " + Data("\(configuration.accountSID):\(configuration.authToken)".utf8).base64EncodedString()
    }

    /// An error's text without the URL (which holds the number).
    private static func safeDescription(of error: any Error) -> String {
        if let clientError = error as? HTTPClientError {
            return String(describing: clientError)
        }
        return "\(type(of: error))"
    }
}

extension Duration {
    /// This duration as NIO's `TimeAmount`.
    var timeAmount: TimeAmount {
        let parts = components
        return .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}
