import Hummingbird
import PhoneVerification

/// The phone-verification routes under `/v1/accounts/{account_id}/phone_verifications`.
struct VerificationRoutes {
    let service: VerificationService

    private static let collection = "accounts/{account_id}/phone_verifications"
    private static let item = collection + "/{id}"

    /// Registers the routes on the authenticated `/v1` group.
    ///
    /// - Parameters:
    ///   - group: The `/v1` group.
    ///   - table: The route table.
    func register(on group: RouterGroup<PhoneRiskRequestContext>, recordIn table: RouteTable) {
        let prefix = APIVersion.prefix
        group.route(.post, Self.collection, prefix: prefix, recordIn: table) { request, context in
            let body = try await RouteBody.decode(CreateVerificationRequest.self, from: request)
            let verification = try await service.createVerification(
                accountID: context.parameter("account_id"), body, mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: verification)
        }
        group.route(.get, Self.collection, prefix: prefix, recordIn: table) { request, context in
            let query = try ListQuery.parse(request)
            let page = try await service.listVerifications(
                accountID: context.parameter("account_id"), query, mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: page)
        }
        group.route(.get, Self.item, prefix: prefix, recordIn: table) { _, context in
            let verification = try await service.verification(
                accountID: context.parameter("account_id"), id: context.parameter("id"), mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: verification)
        }
        group.route(.post, Self.item + "/confirm", prefix: prefix, recordIn: table) { request, context in
            let body = try await RouteBody.decode(ConfirmRequest.self, from: request)
            let verification = try await service.confirm(
                accountID: context.parameter("account_id"), id: context.parameter("id"), body, mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: verification)
        }
        group.route(.post, Self.item + "/resend", prefix: prefix, recordIn: table) { request, context in
            _ = try await RouteBody.decode(EmptyRequestBody.self, from: request)
            let verification = try await service.resend(
                accountID: context.parameter("account_id"), id: context.parameter("id"), mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: verification)
        }
        group.route(.post, Self.item + "/cancel", prefix: prefix, recordIn: table) { request, context in
            _ = try await RouteBody.decode(EmptyRequestBody.self, from: request)
            let verification = try await service.cancel(
                accountID: context.parameter("account_id"), id: context.parameter("id"), mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: verification)
        }
        group.route(.post, Self.item + "/resolve", prefix: prefix, recordIn: table) { request, context in
            let body = try await RouteBody.decode(ResolveRequest.self, from: request)
            let verification = try await service.resolve(
                accountID: context.parameter("account_id"), id: context.parameter("id"), body, mode: try context.caller().mode)
            return APIResponse.json(status: .ok, body: verification)
        }
    }
}
