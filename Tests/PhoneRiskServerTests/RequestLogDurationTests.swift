import Hummingbird
import Testing

@testable import PhoneRiskServer

@Suite("Access log: the duration field")
struct RequestLogDurationTests {
    private typealias Middleware = RequestLogMiddleware<BasicRequestContext>

    @Test("milliseconds keep two decimals, rounded half up, with the leading zero of the fraction")
    func twoDecimals() {
        #expect(Middleware.milliseconds(.zero) == "0.00")
        #expect(Middleware.milliseconds(.microseconds(1_234)) == "1.23")
        #expect(Middleware.milliseconds(.microseconds(1_235)) == "1.24")
        #expect(Middleware.milliseconds(.microseconds(50)) == "0.05")
        #expect(Middleware.milliseconds(.microseconds(4)) == "0.00")
        #expect(Middleware.milliseconds(.microseconds(999_995)) == "1000.00")
        #expect(Middleware.milliseconds(.seconds(12) + .microseconds(345_678)) == "12345.68")
    }
}
