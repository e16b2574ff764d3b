import Foundation

/// The documented JSON of `GET /v2/PhoneNumbers/{number}` (the parts used).
struct TwilioLookupResponse: Decodable {
    struct LineTypeIntelligence: Decodable {
        var carrier_name: String?
        var mobile_country_code: String?
        var mobile_network_code: String?
        var type: String?
        var error_code: Int?
    }

    struct LastSimSwap: Decodable {
        var last_sim_swap_date: String?
        var swapped_period: String?
        var swapped_in_period: Bool?
    }

    struct SimSwap: Decodable {
        var last_sim_swap: LastSimSwap?
        var carrier_name: String?
        var mobile_country_code: String?
        var mobile_network_code: String?
        var error_code: Int?
    }

    struct CallForwarding: Decodable {
        // Twilio's current name; early beta responses used `call_forwarding_status`.
        var call_forwarding_enabled: Bool?
        var call_forwarding_status: Bool?
        var error_code: Int?
    }

    struct SMSPumpingRisk: Decodable {
        var sms_pumping_risk_score: Int?
        var number_blocked: Bool?
        var error_code: Int?
    }

    struct LineStatus: Decodable {
        var status: String?
        var error_code: Int?
    }

    // Always present in a Lookup answer; its absence marks a body that is not one.
    var phone_number: String?
    var valid: Bool?
    var line_type_intelligence: LineTypeIntelligence?
    var sim_swap: SimSwap?
    var call_forwarding: CallForwarding?
    var sms_pumping_risk: SMSPumpingRisk?
    var line_status: LineStatus?
}

/// Twilio's error body: `{"code": 20404, "message": "...", "more_info": "...", "status": 404}`.
struct TwilioErrorBody: Decodable {
    var code: Int?
    var status: Int?
}
