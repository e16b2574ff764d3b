import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PhoneVerification
import SignalStore
import Testing
@testable import PhoneRiskServer

/// `/healthz`, `/metrics`, logs, and the last-resort 500.
@Suite("Operations: health, metrics, logs")
struct OperationsTests {
    @Test("/healthz answers 200 without a key while the store answers")
    func healthy() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let response = try await client.send(.GET, "/healthz", auth: .none)
            #expect(response.status == 200)
            #expect(try response.json()["status"] as? String == "ok")
        }
    }

    @Test("/healthz answers 503 in the one error shape when the store does not answer")
    func unhealthy() async throws {
        let service = try await TestService.make()
        let database = try SignalDatabase(
            path: service.configuration.databasePath, options: .init(environment: service.configuration.environment))
        let store = try ServiceStore(database: database)
        let assembly = try ServiceAssembly.verificationService(
            store: store, policy: try PolicyHolder(), configuration: service.configuration, logger: service.logs.logger())
        let router = PhoneRiskRouter.build(service: assembly, store: store).router
        try database.pool.close()
        let app = Application(router: router, logger: service.logs.logger())
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let error = try #require(body?["error"] as? [String: Any])
                #expect(error["code"] as? String == "store_unavailable")
                #expect(error["type"] as? String == "api_error")
            }
        }
    }

    @Test("/metrics is Prometheus text with requests by route pattern and status, and the domain's metrics")
    func metrics() async throws {
        let service = try await TestService.make()
        try await withLiveServer(service) { client in
            let accountID = try await client.createAccount()
            let id = try #require(try await client.createVerification(accountID: accountID).json()["id"] as? String)
            _ = try await client.send(.POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", body: #"{"code": "123456"}"#)
            _ = try await client.send(.GET, "/nowhere", auth: .none)
            let response = try await client.send(.GET, "/metrics", auth: .none)
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"].first?.hasPrefix("text/plain") == true)
            let text = response.text
            #expect(text.contains(#"phonerisk_http_requests_total{route="POST /v1/accounts",status="200"}"#))
            #expect(text.contains(#"phonerisk_http_requests_total{route="POST /v1/accounts/{account_id}/phone_verifications/{id}/confirm",status="200"}"#))
            #expect(text.contains(#"phonerisk_http_requests_total{route="unmatched",status="404"}"#))
            #expect(!text.contains(accountID))
            for name in [
                "phonerisk_decisions_total", "phonerisk_policy_evaluation_seconds_bucket",
                "phonerisk_provider_requests_total", "phonerisk_signal_cache_requests_total",
            ] {
                #expect(text.contains(name), "\(name)")
            }
        }
    }

    @Test("logs carry a request id and the route, mask numbers, and never hold a code, a key or the secret")
    func logs() async throws {
        let service = try await TestService.make()
        let (number, code) = ("+447400123456", "111111")
        let response = try await withLiveServer(service) { client in
            let accountID = try await client.createAccount(phoneNumber: number)
            let id = try #require(try await client.createVerification(accountID: accountID, phoneNumber: number).json()["id"] as? String)
            _ = try await client.send(.POST, "/v1/accounts/\(accountID)/phone_verifications/\(id)/confirm", body: #"{"code": "\#(code)"}"#)
            _ = try await client.send(.GET, "/v1/accounts/\(accountID)", auth: .header("Bearer sk_test_wrongwrongwrongwrongwrongwrong12"))
            return try await client.send(.GET, "/v1/accounts/\(accountID)")
        }
        let lines = service.logs.all
        let requestID = try #require(response.headers["Request-Id"].first)
        #expect(lines.contains { $0.contains("request answered") && $0.contains("request_id=\(requestID)") && $0.contains("http.status=200") })
        #expect(lines.contains { $0.contains("http.route=POST /v1/accounts/{account_id}/phone_verifications") })
        for secret in [number, "7400123456", code, service.testKey, service.liveKey, "sk_test_wrong", TestService.secret] {
            #expect(!lines.contains { $0.contains(secret) }, "\(secret) reached the logs")
        }
    }

    @Test("an unexpected error is answered as the fixed 500 internal_error and logged with the request id, never its text")
    func internalError() async throws {
        struct Surprise: Error, CustomStringConvertible {
            var description: String { "secret detail" }
        }
        let logs = LogCapture()
        let router = Router(context: PhoneRiskRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorMiddleware(responder: ErrorResponder(routes: RouteTable())))
        router.get("/boom") { _, _ -> Response in throw Surprise() }
        let app = Application(router: router, logger: logs.logger())
        try await app.test(.router) { client in
            try await client.execute(uri: "/boom", method: .get) { response in
                #expect(response.status == .internalServerError)
                let text = String(buffer: response.body)
                #expect(text.contains(#""code":"internal_error""#))
                #expect(!text.contains("secret detail"))
            }
        }
        #expect(logs.all.contains { $0.contains("unexpected error") && $0.contains("request_id=") })
        #expect(!logs.all.contains { $0.contains("secret detail") })
    }
}
