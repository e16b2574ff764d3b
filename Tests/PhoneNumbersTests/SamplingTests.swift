import Testing
import PhoneNumbers

/// Numbers drawn from the metadata parse back as valid numbers of the type asked for.
@Suite struct SamplingTests {
    @Test(arguments: ["US", "GB", "DE", "FR", "IN", "BR", "NG", "JP", "KG", "AU", "CA", "MX", "ZA", "TR", "ID"])
    func mobilesOfARegionAreValidMobiles(region: String) throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let drawn = try #require(PhoneNumberMetadata.randomNumber(region: region, type: .mobile, using: &generator))
            let parsed = try PhoneNumber.parse(drawn.e164)
            #expect(parsed.isValid)
            #expect(parsed.region == region)
            #expect(parsed.type == .mobile || parsed.type == .fixedLineOrMobile)
            #expect(parsed.e164.hasPrefix("+\(try #require(PhoneNumberMetadata.callingCode(ofRegion: region)))"))
        }
    }

    @Test func otherTypesAndNonGeographicCodes() throws {
        var generator = SystemRandomNumberGenerator()
        let premium = try #require(PhoneNumberMetadata.randomNumber(region: "GB", type: .premiumRate, using: &generator))
        #expect(try PhoneNumber.parse(premium.e164).type == .premiumRate)
        let network = try #require(PhoneNumberMetadata.randomNumber(region: "001", callingCode: 882, type: .mobile, using: &generator))
        #expect(network.countryCode == 882)
        #expect(try PhoneNumber.parse(network.e164).isValid)
        #expect(PhoneNumberMetadata.randomNumber(region: "ZZ", type: .mobile, using: &generator) == nil)
        #expect(PhoneNumberMetadata.randomNumber(region: "GB", type: .unknown, using: &generator) == nil)
        #expect(PhoneNumberMetadata.callingCode(ofRegion: "gb") == 44)
        #expect(PhoneNumberMetadata.callingCode(ofRegion: "ZZ") == nil)
    }
}
