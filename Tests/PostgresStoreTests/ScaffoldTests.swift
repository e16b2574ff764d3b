import Testing
@testable import PostgresStore

@Test func scaffoldBuilds() {
    #expect(String(describing: PostgresStoreScaffold.self) == "PostgresStoreScaffold")
}
