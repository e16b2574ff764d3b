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
    /// `behavior.failed_codes` (int).
    public static let failedCodes = "behavior.failed_codes"
    /// `behavior.resends` (int).
    public static let resends = "behavior.resends"
    /// `behavior.code_entry` (duration?).
    public static let codeEntry = "behavior.code_entry"
    /// `stage` (`"create"` or `"confirm"`).
    public static let stage = "stage"
}
