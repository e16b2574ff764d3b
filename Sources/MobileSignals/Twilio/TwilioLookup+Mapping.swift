import Foundation

extension TwilioLookupResponse {
    /// The facts of one package, with Twilio's names mapped onto SIGNALS.md's.
    /// - Parameters:
    ///   - field: the package requested.
    ///   - receivedAt: when the answer arrived (anchors `swapped_period`).
    func facts(for field: CarrierField, receivedAt: Date) throws -> CarrierFacts {
        switch field {
        case .lineType:
            guard let package = line_type_intelligence else { return CarrierFacts() }
            if let code = package.error_code { throw TwilioLookupError.packageError(field, code: code) }
            return CarrierFacts(
                carrierName: package.carrier_name.nonEmpty,
                lineType: package.type.map(LineType.init(twilioType:)),
                mobileCountryCode: package.mobile_country_code.nonEmpty,
                mobileNetworkCode: package.mobile_network_code.nonEmpty
            )
        case .simSwap:
            guard let package = sim_swap else { return CarrierFacts() }
            if let code = package.error_code { throw TwilioLookupError.packageError(field, code: code) }
            return CarrierFacts(
                carrierName: package.carrier_name.nonEmpty,
                mobileCountryCode: package.mobile_country_code.nonEmpty,
                mobileNetworkCode: package.mobile_network_code.nonEmpty,
                simSwappedAt: try package.last_sim_swap.flatMap { try $0.swappedAt(receivedAt: receivedAt) }
            )
        case .callForwarding:
            guard let package = call_forwarding else { return CarrierFacts() }
            if let code = package.error_code { throw TwilioLookupError.packageError(field, code: code) }
            return CarrierFacts(callForwarding: package.call_forwarding_enabled ?? package.call_forwarding_status)
        case .smsPumpingRisk:
            guard let package = sms_pumping_risk else { return CarrierFacts() }
            if let code = package.error_code { throw TwilioLookupError.packageError(field, code: code) }
            if let score = package.sms_pumping_risk_score, !(0...100).contains(score) {
                throw TwilioLookupError.malformedResponse("sms_pumping_risk_score \(score) is outside 0…100")
            }
            return CarrierFacts(smsPumpingScore: package.sms_pumping_risk_score, numberBlocked: package.number_blocked)
        case .lineStatus:
            guard let package = line_status else { return CarrierFacts() }
            if let code = package.error_code { throw TwilioLookupError.packageError(field, code: code) }
            return CarrierFacts(lineStatus: package.status.nonEmpty?.lowercased())
        }
    }
}

extension TwilioLookupResponse.LastSimSwap {
    /// The latest moment the SIM can have changed.
    ///
    /// `last_sim_swap_date` is exact. Where a carrier gives no date, Twilio
    /// answers whether a swap happened within the configured `swapped_period`:
    /// `true` bounds the change to at most that long ago, so the age reported
    /// is the period (a "recent swap" rule fires correctly for any threshold
    /// of at least the period); `false` only says "longer ago than the
    /// period", which is no age at all, so the signal stays missing.
    func swappedAt(receivedAt: Date) throws -> Date? {
        if let text = last_sim_swap_date {
            guard let date = TwilioDate.parse(text) else {
                throw TwilioLookupError.malformedResponse("last_sim_swap_date \"\(text)\" is not an ISO 8601 time")
            }
            return date
        }
        guard swapped_in_period == true, let period = swapped_period else { return nil }
        guard let seconds = ISO8601Duration.seconds(period) else {
            throw TwilioLookupError.malformedResponse("swapped_period \"\(period)\" is not an ISO 8601 duration")
        }
        return receivedAt.addingTimeInterval(-seconds)
    }
}

extension LineType {
    /// Maps Twilio's `type` (`nonFixedVoip`, `tollFree`, …) onto SIGNALS.md's
    /// names; a type Twilio adds later maps to `.unknown`.
    init(twilioType: String) {
        switch twilioType {
        case "mobile": self = .mobile
        case "landline": self = .landline
        case "fixedVoip": self = .fixedVoip
        case "nonFixedVoip": self = .nonFixedVoip
        case "tollFree": self = .tollFree
        case "premium": self = .premium
        case "sharedCost": self = .sharedCost
        case "personal": self = .personal
        case "pager": self = .pager
        case "voicemail": self = .voicemail
        case "uan": self = .uan
        default: self = .unknown
        }
    }
}

extension Optional<String> {
    /// `nil` for an empty string too.
    var nonEmpty: String? {
        flatMap { $0.isEmpty ? nil : $0 }
    }
}
