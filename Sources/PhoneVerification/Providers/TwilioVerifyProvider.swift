import AsyncHTTPClient
import Foundation
import NIOCore

/// Twilio Verify v2: `POST /v2/Services/{sid}/Verifications` sends a code (`Channel=sms`, or `call`),
/// `POST /v2/Services/{sid}/VerificationCheck` checks it and `POST /v2/Services/{sid}/Verifications/{VE…}`
/// with `Status=canceled` cancels it; Twilio generates and holds the code.
///
/// Credentials come from `PHONERISK_TWILIO_ACCOUNT_SID`, `PHONERISK_TWILIO_AUTH_TOKEN` and
/// `PHONERISK_TWILIO_VERIFY_SERVICE_SID`; `PHONERISK_TWILIO_VERIFY_URL` overrides the base URL
/// (`https://verify.twilio.com`); `PHONERISK_TWILIO_CHANNELS` lists the channels allowed (`sms`,
/// `call`; default `sms`). Twilio's errors (`{"code", "message", "more_info", "status"}`) map as:
/// 60200 (invalid parameter) → the number was refused; 60202 (max check attempts) → too many checks;
/// 60203 (max send attempts) → too many sends; 20404 (not found) → expired there; 60410 (Fraud Guard)
/// → ``ProviderError/fraudGuard``; 20429 or HTTP 429 → ``ProviderError/rateLimited(retryAfter:)``
/// (Twilio's `Retry-After` in seconds, else ``defaultRetryAfterSeconds``); 60205 (SMS not supported
/// by a landline) → the same send by `call` when allowed, else ``ProviderError/smsUnsupported(maskedNumber:)``;
/// anything else and timeouts → a provider failure.
///
/// ```swift
/// let twilio = try TwilioVerifyProvider(environment: ProcessInfo.processInfo.environment)
/// let sent = try await twilio.send(CodeDelivery(phoneNumber: "+447700900123", code: "", verificationID: id))
/// ```
public struct TwilioVerifyProvider: VerificationProvider {
    /// Twilio's account credentials and Verify service.
    public struct Credentials: Sendable, Hashable {
        /// `AC…`.
        public var accountSID: String
        /// The auth token (never logged).
        public var authToken: String
        /// `VA…`: the Verify service.
        public var serviceSID: String

        /// Builds credentials.
        ///
        /// - Parameters:
        ///   - accountSID: the account SID.
        ///   - authToken: the auth token.
        ///   - serviceSID: the Verify service SID.
        public init(accountSID: String, authToken: String, serviceSID: String) {
            self.accountSID = accountSID
            self.authToken = authToken
            self.serviceSID = serviceSID
        }
    }

    /// The environment variables holding the credentials.
    public static let environmentVariables = [
        "PHONERISK_TWILIO_ACCOUNT_SID", "PHONERISK_TWILIO_AUTH_TOKEN", "PHONERISK_TWILIO_VERIFY_SERVICE_SID",
    ]
    /// Twilio's production base URL.
    public static let defaultBaseURL = "https://verify.twilio.com"
    /// `PHONERISK_TWILIO_CHANNELS`: the channels codes may go by, a comma-separated list of ``Channel`` names.
    public static let channelsVariable = "PHONERISK_TWILIO_CHANNELS"
    /// The `Retry-After` answered for Twilio's rate limit (20429, HTTP 429) when Twilio sends none in seconds.
    public static let defaultRetryAfterSeconds = 30

    /// A way Twilio Verify delivers a code, with Twilio's `Channel` value as raw value.
    public enum Channel: String, Sendable, Hashable, CaseIterable {
        /// A text message (the default).
        case sms
        /// A voice call reading the code; used only when SMS cannot reach the number (a landline).
        case call
    }

    /// `twilio`.
    public let name = ProviderName.twilio
    /// The credentials, nil when unset.
    public let credentials: Credentials?
    /// The base URL, without a trailing slash.
    public let baseURL: String
    /// How long one request may take.
    public let timeoutSeconds: Int
    /// The channels allowed: codes go by SMS when it is allowed, by call when SMS cannot reach the
    /// number (Twilio error 60205) and `call` is allowed too, or always by call when it is the only one.
    public let channels: Set<Channel>
    private let client: HTTPClient

    /// Builds the provider.
    ///
    /// - Parameters:
    ///   - credentials: the credentials, or nil (then every use is `provider_not_configured`).
    ///   - baseURL: the API's base URL.
    ///   - timeoutSeconds: the deadline of one request.
    ///   - channels: the channels allowed (not empty); SMS only by default.
    ///   - client: the HTTP client.
    public init(
        credentials: Credentials?, baseURL: String = defaultBaseURL, timeoutSeconds: Int = 10, channels: Set<Channel> = [.sms],
        client: HTTPClient = .shared
    ) {
        self.credentials = credentials
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeoutSeconds = timeoutSeconds
        self.channels = channels.isEmpty ? [.sms] : channels
        self.client = client
    }

    /// Reads the credentials, `PHONERISK_TWILIO_VERIFY_URL` and `PHONERISK_TWILIO_CHANNELS` from `environment`.
    ///
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - client: the HTTP client.
    /// - Throws: ``ConfigurationError`` naming `PHONERISK_TWILIO_CHANNELS` when it lists no channel or an unknown one.
    public init(environment: [String: String], client: HTTPClient = .shared) throws(ConfigurationError) {
        let values = Self.environmentVariables.map { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        var credentials: Credentials?
        if let account = values[0], let token = values[1], let service = values[2] {
            credentials = Credentials(accountSID: account, authToken: token, serviceSID: service)
        }
        self.init(credentials: credentials, baseURL: environment["PHONERISK_TWILIO_VERIFY_URL"] ?? Self.defaultBaseURL,
                  channels: try environment[Self.channelsVariable].map(Self.channels(parsing:)) ?? [.sms], client: client)
    }

    /// The channels a `PHONERISK_TWILIO_CHANNELS` value lists (`sms`, `call`, comma-separated, spaces allowed).
    ///
    /// - Parameter text: the variable's value.
    /// - Throws: ``ConfigurationError`` naming the variable for an unknown name or an empty list.
    static func channels(parsing text: String) throws(ConfigurationError) -> Set<Channel> {
        var channels: Set<Channel> = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let channel = Channel(rawValue: name) else {
                throw .invalidValue(name: channelsVariable, value: text,
                                    reason: "'\(name)' is not a channel; expected a comma-separated list of sms, call")
            }
            channels.insert(channel)
        }
        guard !channels.isEmpty else {
            throw .invalidValue(name: channelsVariable, value: text, reason: "expected at least one of sms, call")
        }
        return channels
    }

    /// Nil when configured; otherwise names the variables to set.
    public var unavailableReason: String? {
        credentials == nil ? "set \(Self.environmentVariables.joined(separator: ", "))" : nil
    }

    /// Starts a Twilio verification: by SMS when allowed; a landline Twilio refuses for SMS (60205)
    /// is called instead when `call` is allowed, and is ``ProviderError/smsUnsupported(maskedNumber:)`` otherwise.
    public func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode {
        let first: Channel = channels.contains(.sms) ? .sms : .call
        var reply = try await post("Verifications", form: [("To", delivery.phoneNumber), ("Channel", first.rawValue)])
        if first == .sms, case .refused(let refusal) = reply, refusal.twilioError == Self.smsUnsupportedError {
            guard channels.contains(.call) else {
                throw .smsUnsupported(maskedNumber: VerificationService.masked(delivery.phoneNumber))
            }
            reply = try await post("Verifications", form: [("To", delivery.phoneNumber), ("Channel", Channel.call.rawValue)])
        }
        guard let sid = try reply.answer().sid else { throw .failed("Twilio's answer has no verification sid") }
        return SentCode(acceptance: .providerChecks, reference: sid)
    }

    /// Checks a code with Twilio: right when Twilio answers `status: approved`.
    public func check(_ code: String, for check: CodeCheck) async throws(ProviderError) -> Bool {
        var form = [("Code", code)]
        if let reference = check.reference {
            form.append(("VerificationSid", reference))
        } else {
            form.append(("To", check.phoneNumber))
        }
        return try await post("VerificationCheck", form: form).answer().status == "approved"
    }

    /// Cancels the Twilio verification `check.reference` (`Status=canceled`), so Twilio does not hand it
    /// to the number's next verification. A verification Twilio no longer knows (404: approved, expired or
    /// canceled already) is not an error; without a reference there is nothing to cancel.
    public func cancel(_ check: CodeCheck) async throws(ProviderError) {
        guard let reference = check.reference else { return }
        let path = reference.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? reference
        let reply = try await post("Verifications/\(path)", form: [("Status", "canceled")])
        if case .refused(let refusal) = reply, refusal.status != 404 {
            throw refusal.error
        }
    }

    /// Twilio's error "SMS is not supported by landline phone number".
    static let smsUnsupportedError = 60205

    private struct Answer: Decodable {
        var sid: String?
        var status: String?
    }

    /// Twilio's error body; its `message` is left out because it may quote the number.
    private struct TwilioError: Decodable {
        var code: Int?
    }

    /// A non-2xx answer, as much of it as the mapping needs.
    private struct Refusal {
        var status: UInt
        /// Twilio's error number (`code` in its error body).
        var twilioError: Int?
        var retryAfter: String?

        var error: ProviderError { TwilioVerifyProvider.mapError(status: status, code: twilioError, retryAfter: retryAfter) }
    }

    /// What Twilio answered to one request.
    private enum Reply {
        case answer(Answer)
        case refused(Refusal)

        /// The answer, or the refusal's mapped error.
        func answer() throws(ProviderError) -> Answer {
            switch self {
            case .answer(let answer): return answer
            case .refused(let refusal): throw refusal.error
            }
        }
    }

    private func post(_ resource: String, form: [(String, String)]) async throws(ProviderError) -> Reply {
        guard let credentials else { throw .notConfigured(unavailableReason ?? "not configured") }
        var request = HTTPClientRequest(url: "\(baseURL)/v2/Services/\(credentials.serviceSID)/\(resource)")
        request.method = .POST
        let basic = Data("\(credentials.accountSID):\(credentials.authToken)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: Self.formEncoded(form)))
        let status: UInt
        let retryAfter: String?
        let body: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(timeoutSeconds)))
            status = response.status.code
            retryAfter = response.headers.first(name: "Retry-After")
            body = try await response.body.collect(upTo: 1 << 20)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timeout(seconds: timeoutSeconds)
        } catch {
            throw .failed("the request failed (\(Self.describe(error)))")
        }
        let data = Data(body.readableBytesView)
        guard (200..<300).contains(status) else {
            return .refused(Refusal(status: status, twilioError: (try? JSONDecoder().decode(TwilioError.self, from: data))?.code,
                                    retryAfter: retryAfter))
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: data) else {
            throw .failed("Twilio answered HTTP \(status) with a body that is not the expected JSON")
        }
        return .answer(answer)
    }

    /// The provider error for Twilio's HTTP `status`, its error `code` and its `Retry-After` header.
    static func mapError(status: UInt, code: Int?, retryAfter: String? = nil) -> ProviderError {
        let detail = "Twilio error \(code.map(String.init) ?? "without code") (HTTP \(status))"
        switch code {
        case 60200: return .invalidNumber(detail)
        case 60202: return .tooManyChecks
        case 60203: return .tooManySends
        case 20404: return .expired
        case 60410: return .fraudGuard
        case 20429: return .rateLimited(retryAfter: retryAfterSeconds(retryAfter))
        default:
            return status == 429 ? .rateLimited(retryAfter: retryAfterSeconds(retryAfter)) : .failed(detail)
        }
    }

    /// Twilio's `Retry-After` in whole seconds (at least 1); ``defaultRetryAfterSeconds`` when it is
    /// absent or not a number of seconds.
    static func retryAfterSeconds(_ header: String?) -> Int {
        guard let seconds = header.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), seconds >= 0 else {
            return defaultRetryAfterSeconds
        }
        return max(1, seconds)
    }

    static func formEncoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(.init(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.description }
        return String(describing: type(of: error))
    }
}
