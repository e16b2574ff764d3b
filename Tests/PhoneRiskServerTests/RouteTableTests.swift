import Hummingbird
import Testing
@testable import PhoneRiskServer

@Suite("The route table tells 404 from 405")
struct RouteTableTests {
    private var table: RouteTable {
        let table = RouteTable()
        table.add(.post, "/v1/accounts")
        table.add(.get, "/v1/accounts/{id}")
        table.add(.get, "/v1/accounts/{account_id}/phone_verifications")
        table.add(.post, "/v1/accounts/{account_id}/phone_verifications")
        return table
    }

    @Test("a known path answers its methods; parameters match any segment")
    func knownPaths() {
        #expect(table.allowedMethods(for: "/v1/accounts") == [.post])
        #expect(table.allowedMethods(for: "/v1/accounts/abc") == [.get])
        #expect(table.allowedMethods(for: "/v1/accounts/abc/phone_verifications") == [.get, .post])
        #expect(table.allowedMethods(for: "/v1/accounts/") == [.post])
    }

    @Test("an unknown path has no methods")
    func unknownPaths() {
        #expect(table.allowedMethods(for: "/v1/account").isEmpty)
        #expect(table.allowedMethods(for: "/v1/accounts/abc/def").isEmpty)
        #expect(table.allowedMethods(for: "/").isEmpty)
    }
}
