import Hummingbird
import PhoneVerification

/// `POST /v1/accounts` and `GET /v1/accounts/{account_id}`.
struct AccountRoutes {
    let service: VerificationService

    /// Registers the routes on the authenticated `/v1` group.
    ///
    /// - Parameters:
    ///   - group: The `/v1` group.
    ///   - table: The route table.
    func register(on group: RouterGroup<PhoneRiskRequestContext>, recordIn table: RouteTable) {
        group.route(.post, "accounts", prefix: APIVersion.prefix, recordIn: table) { request, context in
            let body = try await RouteBody.decode(CreateAccountRequest.self, from: request)
            let account = try await service.createAccount(body, mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: account)
        }
        group.route(.get, "accounts/{account_id}", prefix: APIVersion.prefix, recordIn: table) { _, context in
            let account = try await service.account(id: context.parameter("account_id"), mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: account)
        }
    }
}

/// The version prefix of every authenticated route.
enum APIVersion {
    /// `/v1`.
    static let prefix = "/v1"
}
