import Testing

/// Under CI the PostgreSQL suites must run: this fails, saying how to start a server, when none is configured.
@Suite("PostgreSQL test server", .enabled(if: PostgresTestServer.isCI))
struct PostgresServerConfiguredTests {
    @Test func aServerIsConfiguredUnderCI() {
        #expect(PostgresTestServer.url != nil, Comment(rawValue: PostgresTestServer.howToStart))
    }
}
