import Testing
import PhoneNumbers

/// Regions and types as libphonenumber gives them (values from `phonenumbers`).
@Suite struct ClassificationTests {
    @Test(arguments: [
        ("+447400123456", PhoneNumberType.mobile, "GB"),
        ("+441212345678", .fixedLine, "GB"),
        ("+448001234567", .tollFree, "GB"),
        ("+449012345678", .premiumRate, "GB"),
        ("+445612345678", .voip, "GB"),
        ("+447012345678", .personalNumber, "GB"),
        ("+447640123456", .pager, "GB"),
        ("+445512345678", .uan, "GB"),
        ("+12015550123", .fixedLineOrMobile, "US"),
        ("+80012345678", .tollFree, "001"),
    ] as [(String, PhoneNumberType, String)])
    func typesFollowLibphonenumber(e164: String, type: PhoneNumberType, region: String) throws {
        let number = try PhoneNumber.parse(e164)
        #expect(number.type == type)
        #expect(number.region == region)
        #expect(number.isValid)
    }

    @Test(arguments: [
        ("+15062345678", "CA", nil),
        ("+12423591234", "BS", "BaTelCo"),
        ("+447797712345", "JE", "JT"),
        ("+77710009998", "KZ", "Beeline"),
    ] as [(String, String, String?)])
    func sharedCallingCodesGoToTheRegionWhoseDigitsMatch(e164: String, region: String, carrier: String?) throws {
        let number = try PhoneNumber.parse(e164)
        #expect(number.region == region)
        #expect(number.carrier == carrier)
    }

    @Test func carrierIsOnlyGivenForMobileRanges() throws {
        #expect(try PhoneNumber.parse("+441212345678").carrier == nil)
        #expect(try PhoneNumber.parse("+447400123456").carrier == "Three")
    }
}
