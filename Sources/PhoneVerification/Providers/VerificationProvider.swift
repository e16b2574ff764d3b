/// A way to deliver codes: each provider is one file conforming to this protocol.
///
/// A provider either delivers the service's own code (or accepts fixed codes,
/// like `sandbox`), and the service then checks codes locally against keyed
/// hashes, or it generates and checks codes itself (Twilio Verify), and the
/// service asks it at confirm.
///
/// ```swift
/// struct EchoProvider: VerificationProvider {
///     let name = "echo"
///     var unavailableReason: String? { nil }
///     func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode {
///         SentCode(acceptance: .codes([delivery.code]), reference: nil)
///     }
///     func check(_ code: String, for check: CodeCheck) async throws(ProviderError) -> Bool { false }
///     func cancel(_ check: CodeCheck) async throws(ProviderError) {}
/// }
/// ```
public protocol VerificationProvider: Sendable {
    /// The name a request's `type` uses (`sandbox`, `twilio`, `prove`).
    var name: String { get }
    /// Why the provider cannot be used (e.g. missing credentials), or nil when it can.
    var unavailableReason: String? { get }
    /// Whether the provider sends nothing real; only test mode may use such a provider.
    var isSandbox: Bool { get }
    /// Why the provider cannot serve keys of `mode`, or nil when it can.
    ///
    /// - Parameter mode: the caller's mode.
    func unavailableReason(in mode: APIMode) -> String?
    /// Delivers a code.
    ///
    /// - Parameter delivery: the number, the service's code and the verification's id.
    /// - Returns: how codes are checked and the provider's reference.
    func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode
    /// Asks the provider whether `code` is right; called only when ``SentCode/acceptance`` was ``CodeAcceptance/providerChecks``.
    ///
    /// - Parameters:
    ///   - code: the code the end user entered.
    ///   - check: the number and the provider's reference.
    func check(_ code: String, for check: CodeCheck) async throws(ProviderError) -> Bool
    /// Ends the provider's side of a verification the service canceled, so its code stops working there
    /// and the provider does not hand the same verification to the number's next one. A provider that
    /// keeps nothing has nothing to do; one that no longer knows the verification returns normally.
    ///
    /// - Parameter check: the number and the provider's reference.
    func cancel(_ check: CodeCheck) async throws(ProviderError)
}

extension VerificationProvider {
    /// Real providers send real messages.
    public var isSandbox: Bool { false }

    /// ``unavailableReason`` in every mode.
    public func unavailableReason(in mode: APIMode) -> String? { unavailableReason }
}

/// What a provider is asked to deliver.
public struct CodeDelivery: Sendable, Hashable {
    /// The number, E.164.
    public var phoneNumber: String
    /// The code the service generated (6 digits); providers that make their own ignore it.
    public var code: String
    /// The verification's id.
    public var verificationID: String

    /// Builds a delivery.
    ///
    /// - Parameters:
    ///   - phoneNumber: the number, E.164.
    ///   - code: the service's code.
    ///   - verificationID: the verification's id.
    public init(phoneNumber: String, code: String, verificationID: String) {
        self.phoneNumber = phoneNumber
        self.code = code
        self.verificationID = verificationID
    }
}

/// What a provider needs to check a code it holds.
public struct CodeCheck: Sendable, Hashable {
    /// The number, E.164.
    public var phoneNumber: String
    /// The provider's reference from ``SentCode/reference``.
    public var reference: String?

    /// Builds a check.
    ///
    /// - Parameters:
    ///   - phoneNumber: the number, E.164.
    ///   - reference: the provider's reference.
    public init(phoneNumber: String, reference: String?) {
        self.phoneNumber = phoneNumber
        self.reference = reference
    }
}

/// The answer to a delivery.
public struct SentCode: Sendable, Hashable {
    /// How the code will be checked.
    public var acceptance: CodeAcceptance
    /// The provider's id for this verification, if any.
    public var reference: String?

    /// Builds the answer.
    ///
    /// - Parameters:
    ///   - acceptance: how codes are checked.
    ///   - reference: the provider's id.
    public init(acceptance: CodeAcceptance, reference: String?) {
        self.acceptance = acceptance
        self.reference = reference
    }
}

/// How the codes of a send are checked.
public enum CodeAcceptance: Sendable, Hashable {
    /// The service checks locally: exactly these codes are right (kept only as keyed hashes).
    case codes([String])
    /// The provider holds the code; the service calls ``VerificationProvider/check(_:for:)``.
    case providerChecks
}

/// A provider failure, mapped onto the API's errors by ``APIError/provider(_:provider:)``.
public enum ProviderError: Error, Sendable, Hashable {
    /// The provider has no credentials or is not available.
    case notConfigured(String)
    /// The provider refused the number.
    case invalidNumber(String)
    /// The provider's own limit of checks for this verification was reached.
    case tooManyChecks
    /// The provider's own limit of sends for this number was reached.
    case tooManySends
    /// The provider no longer knows the verification (it expired there).
    case expired
    /// The provider's fraud defence refused to send to the number (Twilio Fraud Guard, error 60410).
    case fraudGuard
    /// The provider limited the request rate; retry after `retryAfter` seconds (at least 1).
    case rateLimited(retryAfter: Int)
    /// The number is a landline that cannot receive SMS and no voice channel is allowed;
    /// `maskedNumber` is the number as logs show it (`+44******0123`).
    case smsUnsupported(maskedNumber: String)
    /// The provider did not answer in time.
    case timeout(seconds: Int)
    /// The provider failed or answered something unusable.
    case failed(String)
}

extension APIError {
    /// The API error for a provider failure: 503 when not configured, 502 for failures and timeouts,
    /// 400 on `phone_number` for a refused number or a landline that cannot take SMS, 429 for the
    /// provider's own limits (`rate_limited` with `Retry-After` for its request rate), 410 when it
    /// expired there.
    ///
    /// ``ProviderError/fraudGuard`` maps to 502 `provider_failed`: the API's 403 `verification_blocked`
    /// carries the stored verification, which this mapping does not have. The create flow handles a
    /// Fraud Guard refusal before it maps an error (it stores the verification `blocked` with the reason
    /// `PROVIDER_FRAUD_GUARD` and answers 403); this 502 is what any other path answers.
    ///
    /// - Parameters:
    ///   - error: what the provider reported.
    ///   - provider: the provider's name.
    public static func provider(_ error: ProviderError, provider: String) -> APIError {
        switch error {
        case .notConfigured(let reason): .providerNotConfigured(provider: provider, reason: reason)
        case .invalidNumber(let reason): .invalidPhoneNumber(param: "phone_number", reason: "the \(provider) provider refused it (\(reason))")
        case .tooManyChecks: .maxAttemptsReached(maxAttempts: 5)
        case .tooManySends: .maxSendsReached(maxSends: 5)
        case .expired: .verificationExpired
        case .fraudGuard: .providerFailed(provider: provider, reason: "its fraud defence refused to send to this number")
        case .rateLimited(let retryAfter): .providerRateLimited(provider: provider, retryAfter: retryAfter)
        case .smsUnsupported(let maskedNumber):
            .invalidPhoneNumber(param: "phone_number",
                                reason: "\(maskedNumber) is a landline that cannot receive SMS, and codes are not sent by voice call here")
        case .timeout(let seconds): .providerFailed(provider: provider, reason: "no answer within \(seconds) s")
        case .failed(let reason): .providerFailed(provider: provider, reason: reason)
        }
    }
}
