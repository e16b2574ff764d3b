import AsyncHTTPClient
import Foundation
import NIOCore

/// Twilio Verify v2: `POST /v2/Services/{sid}/Verifications` sends a code by SMS and
/// `POST /v2/Services/{sid}/VerificationCheck` checks it; Twilio generates and holds the code.
///
/// Credentials come from `PHONERISK_TWILIO_ACCOUNT_SID`, `PHONERISK_TWILIO_AUTH_TOKEN` and
/// `PHONERISK_TWILIO_VERIFY_SERVICE_SID`; `PHONERISK_TWILIO_VERIFY_URL` overrides the base URL
/// (`https://verify.twilio.com`). Twilio's errors map as: 60200 (invalid parameter) → the number
/// was refused; 60202 (max check attempts) → too many checks; 60203 (max send attempts) → too
/// many sends; 20404 (not found) → expired there; anything else and timeouts → a provider failure.
///
/// ```swift
/// let twilio = TwilioVerifyProvider(environment: ProcessInfo.processInfo.environment)
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

    /// `twilio`.
    public let name = ProviderName.twilio
    /// The credentials, nil when unset.
    public let credentials: Credentials?
    /// The base URL, without a trailing slash.
    public let baseURL: String
    /// How long one request may take.
    public let timeoutSeconds: Int
    private let client: HTTPClient

    /// Builds the provider.
    ///
    /// - Parameters:
    ///   - credentials: the credentials, or nil (then every use is `provider_not_configured`).
    ///   - baseURL: the API's base URL.
    ///   - timeoutSeconds: the deadline of one request.
    ///   - client: the HTTP client.
    public init(credentials: Credentials?, baseURL: String = defaultBaseURL, timeoutSeconds: Int = 10, client: HTTPClient = .shared) {
        self.credentials = credentials
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeoutSeconds = timeoutSeconds
        self.client = client
    }

    /// Reads the credentials and `PHONERISK_TWILIO_VERIFY_URL` from `environment`.
    ///
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - client: the HTTP client.
    public init(environment: [String: String], client: HTTPClient = .shared) {
        let values = Self.environmentVariables.map { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        var credentials: Credentials?
        if let account = values[0], let token = values[1], let service = values[2] {
            credentials = Credentials(accountSID: account, authToken: token, serviceSID: service)
        }
        self.init(credentials: credentials, baseURL: environment["PHONERISK_TWILIO_VERIFY_URL"] ?? Self.defaultBaseURL,
                  client: client)
    }

    /// Nil when configured; otherwise names the variables to set.
    public var unavailableReason: String? {
        credentials == nil ? "set \(Self.environmentVariables.joined(separator: ", "))" : nil
    }

    /// Starts a Twilio verification by SMS.
    public func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode {
        let answer = try await post("Verifications", form: [("To", delivery.phoneNumber), ("Channel", "sms")])
        guard let sid = answer.sid else { throw .failed("Twilio's answer has no verification sid") }
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
        let answer = try await post("VerificationCheck", form: form)
        return answer.status == "approved"
    }

    private struct Answer: Decodable {
        var sid: String?
        var status: String?
    }

    /// Twilio's error body; its `message` is left out because it may quote the number.
    private struct TwilioError: Decodable {
        var code: Int?
    }

    private func post(_ resource: String, form: [(String, String)]) async throws(ProviderError) -> Answer {
        guard let credentials else { throw .notConfigured(unavailableReason ?? "not configured") }
        var request = HTTPClientRequest(url: "\(baseURL)/v2/Services/\(credentials.serviceSID)/\(resource)")
        request.method = .POST
        let basic = Data("\(credentials.accountSID):\(credentials.authToken)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: Self.formEncoded(form)))
        let status: UInt
        let body: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(timeoutSeconds)))
            status = response.status.code
            body = try await response.body.collect(upTo: 1 << 20)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw .timeout(seconds: timeoutSeconds)
        } catch {
            throw .failed("the request failed (\(Self.describe(error)))")
        }
        let data = Data(body.readableBytesView)
        guard (200..<300).contains(status) else {
            throw Self.mapError(status: status, code: (try? JSONDecoder().decode(TwilioError.self, from: data))?.code)
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: data) else {
            throw .failed("Twilio answered HTTP \(status) with a body that is not the expected JSON")
        }
        return answer
    }

    static func mapError(status: UInt, code: Int?) -> ProviderError {
        let detail = "Twilio error \(code.map(String.init) ?? "without code") (HTTP \(status))"
        switch code {
        case 60200: return .invalidNumber(detail)
        case 60202: return .tooManyChecks
        case 60203: return .tooManySends
        case 20404: return .expired
        default: return .failed(detail)
        }
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
