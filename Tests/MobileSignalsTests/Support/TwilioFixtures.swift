/// Response bodies in the shape Twilio Lookup v2 documents.
enum TwilioFixtures {
    static func lineType(_ type: String, carrier: String = "Vodafone UK", mcc: String = "234", mnc: String = "15") -> String {
        """
        {"calling_country_code": "44", "country_code": "GB", "phone_number": "+447700900123",
         "national_format": "07700 900123", "valid": true, "validation_errors": [],
         "caller_name": null, "sim_swap": null, "call_forwarding": null,
         "line_type_intelligence": {"carrier_name": "\(carrier)", "mobile_country_code": "\(mcc)",
           "mobile_network_code": "\(mnc)", "type": "\(type)", "error_code": null},
         "url": "https://lookups.twilio.com/v2/PhoneNumbers/+447700900123"}
        """
    }

    static func simSwap(date: String?, period: String, inPeriod: Bool) -> String {
        let dateJSON = date.map { "\"\($0)\"" } ?? "null"
        return """
        {"phone_number": "+447700900123", "valid": true, "line_type_intelligence": null,
         "sim_swap": {"last_sim_swap": {"last_sim_swap_date": \(dateJSON), "swapped_period": "\(period)",
           "swapped_in_period": \(inPeriod)}, "carrier_name": "Vodafone UK", "mobile_country_code": "234",
           "mobile_network_code": "15", "error_code": null}}
        """
    }

    static func callForwarding(_ enabled: Bool) -> String {
        """
        {"phone_number": "+447700900123", "valid": true,
         "call_forwarding": {"call_forwarding_enabled": \(enabled), "error_code": null}}
        """
    }

    static func packageError(_ field: String, code: Int) -> String {
        """
        {"phone_number": "+447700900123", "valid": true, "\(field)": {"error_code": \(code)}}
        """
    }

    static func error(code: Int, status: Int) -> String {
        """
        {"code": \(code), "message": "The requested resource /PhoneNumbers/+447700900123 was not found",
         "more_info": "https://www.twilio.com/docs/errors/\(code)", "status": \(status)}
        """
    }

    /// Lookup's `sms_pumping_risk` package as its OpenAPI example shapes it.
    static func smsPumpingRisk(score: Int?, blocked: Bool?, number: String = "+447700900123") -> String {
        """
        {"calling_country_code": "44", "country_code": "GB", "phone_number": "\(number)", "valid": true,
         "line_type_intelligence": null, "sim_swap": null, "call_forwarding": null, "line_status": null,
         "sms_pumping_risk": {"carrier_risk_category": "high", "number_blocked": \(blocked.map(String.init) ?? "null"),
           "number_blocked_date": null, "number_blocked_last_3_months": null,
           "sms_pumping_risk_score": \(score.map(String.init) ?? "null"), "error_code": null}}
        """
    }

    /// Lookup's `line_status` package.
    static func lineStatus(_ status: String?, number: String = "+447700900123") -> String {
        """
        {"calling_country_code": "44", "country_code": "GB", "phone_number": "\(number)", "valid": true,
         "sms_pumping_risk": null, "line_status": {"status": \(status.map { "\"\($0)\"" } ?? "null"), "error_code": null}}
        """
    }
}
