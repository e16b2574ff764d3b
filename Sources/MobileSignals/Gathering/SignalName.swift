/// The signal names of SIGNALS.md, the keys of a gathered signal frame.
public enum SignalName {
    /// `phone.valid` (bool).
    public static let phoneValid = "phone.valid"
    /// `phone.country` (string, ISO 3166-1 alpha-2).
    public static let phoneCountry = "phone.country"
    /// `phone.country_code` (int).
    public static let phoneCountryCode = "phone.country_code"
    /// `phone.type` (enum).
    public static let phoneType = "phone.type"
    /// `carrier.name` (string?).
    public static let carrierName = "carrier.name"
    /// `carrier.line_type` (enum).
    public static let carrierLineType = "carrier.line_type"
    /// `carrier.mcc` (string?).
    public static let carrierMCC = "carrier.mcc"
    /// `carrier.mnc` (string?).
    public static let carrierMNC = "carrier.mnc"
    /// `carrier.ported` (bool?).
    public static let carrierPorted = "carrier.ported"
    /// `carrier.ported_age` (duration?).
    public static let carrierPortedAge = "carrier.ported_age"
    /// `sim_swap.age` (duration?).
    public static let simSwapAge = "sim_swap.age"
    /// `call_forwarding` (bool?).
    public static let callForwarding = "call_forwarding"
    /// `carrier.sms_pumping_score` (int?, 0–100, higher is riskier).
    public static let carrierSMSPumpingScore = "carrier.sms_pumping_score"
    /// `carrier.number_blocked` (bool?): the provider's fraud defence blocks SMS to the number.
    public static let carrierNumberBlocked = "carrier.number_blocked"
    /// `carrier.line_status` (string?): `active`, `reachable`, `unreachable`, `inactive`, `unknown`, …
    public static let carrierLineStatus = "carrier.line_status"
    /// `trust_score` (int?).
    public static let trustScore = "trust_score"
    /// `ip.country` (string?).
    public static let ipCountry = "ip.country"
    /// `account.age` (duration).
    public static let accountAge = "account.age"
    /// `behavior.attempts_1h` (int).
    public static let attempts1h = "behavior.attempts_1h"
    /// `behavior.attempts_24h` (int).
    public static let attempts24h = "behavior.attempts_24h"
    /// `behavior.country_sends_1h` (int).
    public static let countrySends1h = "behavior.country_sends_1h"
    /// `behavior.accounts_per_phone_30d` (int).
    public static let accountsPerPhone30d = "behavior.accounts_per_phone_30d"
    /// `behavior.phones_per_account_30d` (int).
    public static let phonesPerAccount30d = "behavior.phones_per_account_30d"
    /// `behavior.block_requests_10m` (int): requests for numbers of this block (E.164 less its last 3 digits) in 10 minutes, before this one.
    public static let blockRequests10m = "behavior.block_requests_10m"
    /// `behavior.block_requests_1h` (int): the same over one hour.
    public static let blockRequests1h = "behavior.block_requests_1h"
    /// `behavior.prefix_requests_10m` (int): requests for numbers of this prefix (calling code + 3 national digits) in 10 minutes, before this one.
    public static let prefixRequests10m = "behavior.prefix_requests_10m"
    /// `behavior.prefix_requests_1h` (int): the same over one hour.
    public static let prefixRequests1h = "behavior.prefix_requests_1h"
    /// `behavior.network_requests_1h` (int?): requests for numbers of this MCC-MNC in one hour, before this one.
    public static let networkRequests1h = "behavior.network_requests_1h"
    /// `behavior.block_numbers_10m` (int): distinct numbers of this block that started a verification in 10 minutes, this one included.
    public static let blockNumbers10m = "behavior.block_numbers_10m"
    /// `behavior.country_conversion_1h` (float?): confirmed ÷ sent for the country's cohort of the hour ending 5 minutes ago.
    public static let countryConversion1h = "behavior.country_conversion_1h"
    /// `behavior.country_conversion_24h` (float?): the same over 24 hours.
    public static let countryConversion24h = "behavior.country_conversion_24h"
    /// `behavior.prefix_conversion_1h` (float?): confirmed ÷ sent for the prefix's cohort of the hour ending 5 minutes ago.
    public static let prefixConversion1h = "behavior.prefix_conversion_1h"
    /// `behavior.prefix_conversion_24h` (float?): the same over 24 hours.
    public static let prefixConversion24h = "behavior.prefix_conversion_24h"
    /// `behavior.country_request_ratio_1h` (float): the country's requests in the last hour ÷ max(its 7-day baseline, 30).
    public static let countryRequestRatio1h = "behavior.country_request_ratio_1h"
    /// `behavior.prefix_request_ratio_1h` (float): the prefix's requests in the last hour ÷ max(its 7-day baseline, 10).
    public static let prefixRequestRatio1h = "behavior.prefix_request_ratio_1h"
    /// `behavior.failed_codes` (int).
    public static let failedCodes = "behavior.failed_codes"
    /// `behavior.resends` (int).
    public static let resends = "behavior.resends"
    /// `behavior.code_entry` (duration?).
    public static let codeEntry = "behavior.code_entry"
    /// `stage` (`"create"` or `"confirm"`).
    public static let stage = "stage"

    /// `prove.authentication` (`"pass"` or `"fail"`; PROVE.md).
    public static let proveAuthentication = "prove.authentication"
    /// `prove.risk` (`"pass"` or `"fail"`).
    public static let proveRisk = "prove.risk"
    /// `prove.assurance_level` (int, −1…3).
    public static let proveAssuranceLevel = "prove.assurance_level"
    /// `prove.osr_non_mobile` (bool?, code 9131).
    public static let proveOSRNonMobile = "prove.osr_non_mobile"
    /// `prove.public_sms_number` (bool?, code 9132).
    public static let provePublicSMSNumber = "prove.public_sms_number"
    /// `prove.low_trust` (bool?, code 9133).
    public static let proveLowTrust = "prove.low_trust"
    /// `prove.tenure_very_short` (bool?, code 9161).
    public static let proveTenureVeryShort = "prove.tenure_very_short"
    /// `prove.tenure_short` (bool?, codes 9161 and 9162).
    public static let proveTenureShort = "prove.tenure_short"
    /// `prove.recycled_number` (bool?, codes 9163 and 9164).
    public static let proveRecycledNumber = "prove.recycled_number"
    /// `prove.injection_attack` (bool?, code 9171).
    public static let proveInjectionAttack = "prove.injection_attack"
    /// `prove.no_identity` (bool?, codes 9175 and 9177).
    public static let proveNoIdentity = "prove.no_identity"
    /// `prove.other_failure` (bool?, any other code).
    public static let proveOtherFailure = "prove.other_failure"
    /// `prove.failure_reasons` (string: every code, ascending, comma-joined).
    public static let proveFailureReasons = "prove.failure_reasons"
    /// `prove.fallback` (bool: the Prove step failed and the create fell back).
    public static let proveFallback = "prove.fallback"
}
