import Testing

@testable import PhoneVerification

@Suite("Metric handles made once per label set")
struct MetricHandleCacheTests {
    private final class Handle: Sendable {
        let key: String
        init(key: String) { self.key = key }
    }

    @Test("the first use of a key makes its handle; later uses get the same one")
    func madeOnce() {
        let cache = MetricHandleCache<Handle>()
        var made: [String] = []
        let first = cache.handle("200 GET /healthz") { made.append("200 GET /healthz"); return Handle(key: "200 GET /healthz") }
        let again = cache.handle("200 GET /healthz") { made.append("again"); return Handle(key: "again") }
        let other = cache.handle("503 GET /healthz") { made.append("503 GET /healthz"); return Handle(key: "503 GET /healthz") }
        #expect(first === again)
        #expect(first !== other)
        #expect(other.key == "503 GET /healthz")
        #expect(made == ["200 GET /healthz", "503 GET /healthz"])
    }
}
