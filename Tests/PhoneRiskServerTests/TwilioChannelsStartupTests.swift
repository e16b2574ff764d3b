import Foundation
import PhoneVerification
@testable import PhoneRiskServer
import Testing

/// `PHONERISK_TWILIO_CHANNELS` is read once, when the service is built: a value it cannot use stops
/// start-up with a message naming it, before anything is served.
@Suite("Twilio channels at start-up")
struct TwilioChannelsStartupTests {
    @Test(arguments: ["fax", "sms,voice", ""])
    func aBadChannelListStopsStartUpNamingTheVariable(_ value: String) async throws {
        let service = try await TestService.make(environment: ["PHONERISK_TWILIO_CHANNELS": value])
        do {
            _ = try await service.application()
            Issue.record("PHONERISK_TWILIO_CHANNELS=\(value) was accepted")
        } catch {
            #expect(String(describing: error).contains("PHONERISK_TWILIO_CHANNELS"), "\(error)")
        }
    }

    @Test func smsAndCallStartTheService() async throws {
        let service = try await TestService.make(environment: ["PHONERISK_TWILIO_CHANNELS": "sms,call"])
        _ = try await service.application()
    }
}
