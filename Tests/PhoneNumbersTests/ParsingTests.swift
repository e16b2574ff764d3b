import Testing
import PhoneNumbers

/// The written forms `PhoneNumber.parse` reads, and the ones it refuses.
@Suite struct ParsingTests {
    @Test(arguments: [
        ("+447400123456", nil),
        ("+44 7400 123456", nil),
        ("+44-7400-123-456", nil),
        ("+44.7400.123.456", nil),
        ("+44 (0) 7400 123456", nil),
        ("(+44) 7400 123456", nil),
        ("+44 07400 123456", nil),
        ("  +44 7400 123456  ", nil),
        ("＋４４ ７４００ １２３４５６", nil),
        ("tel:+44-7400-123456", nil),
        ("+44 7400 123456 ext. 12", nil),
        ("+44 7400 123456 x12", nil),
        ("+44 7400 123456 #12", nil),
        ("+44 7400 123456;ext=12", nil),
        ("07400 123456", "GB"),
        ("07400 123456", "gb"),
        ("7400 123456", "GB"),
        ("00 44 7400 123456", "DE"),
        ("011 44 7400 123456", "US"),
        ("0011 44 7400 123456", "AU"),
        ("447400123456", "GB"),
        ("+44 7400 123456", "US"),
    ] as [(String, String?)])
    func everyCommonFormReadsTheSameNumber(text: String, region: String?) throws {
        let number = try PhoneNumber.parse(text, defaultRegion: region)
        #expect(number.e164 == "+447400123456")
        #expect(number.countryCode == 44)
        #expect(number.nationalNumber == "7400123456")
        #expect(number.region == "GB")
        #expect(number.isValid)
        #expect(number.type == .mobile)
        #expect(number.carrier == "Three")
    }

    @Test(arguments: [
        ("", nil, PhoneNumberParseError.Kind.empty, "the input is empty"),
        ("   ", nil, .empty, "the input is empty"),
        ("07400 123456", nil, .missingRegion, "a national number needs a region"),
        ("07400 123456", "XX", .unknownRegion, "unknown region 'XX'"),
        ("+1-800-FLOWERS", nil, .letters, "letters are not allowed"),
        ("call +44 7400 123456", nil, .letters, "letters are not allowed"),
        ("+44 7400 123456 @home", nil, .unexpectedCharacter, "unexpected character '@'"),
        ("+44 74+00", nil, .unexpectedCharacter, "a plus sign may only start the number"),
        ("+4", nil, .notANumber, "only 1 digit"),
        ("+", nil, .notANumber, "no digits"),
        ("+999 1234567", nil, .invalidCountryCode, "no country calling code starts with 999"),
        ("+44 1234567890123456789", nil, .tooLong, "too long"),
        ("00 44", "DE", .tooShort, "too short"),
        ("tel:7031 3000;phone-context=", "GB", .invalidPhoneContext, "phone-context"),
        (String(repeating: "1", count: 251), "US", .inputTooLong, "longer than 250 characters"),
    ] as [(String, String?, PhoneNumberParseError.Kind, String)])
    func textThatIsNotANumberGetsAReasonNamingTheProblem(
        text: String, region: String?, kind: PhoneNumberParseError.Kind, reason: String
    ) {
        #expect {
            _ = try PhoneNumber.parse(text, defaultRegion: region)
        } throws: { error in
            guard let error = error as? PhoneNumberParseError else { return false }
            return error.kind == kind && error.description.contains(reason)
        }
    }

    @Test func aWellFormedNumberInAnUnassignedRangeParsesAsInvalid() throws {
        let number = try PhoneNumber.parse("+44 1234")
        #expect(number.e164 == "+441234")
        #expect(!number.isValid)
        #expect(number.type == .unknown)
        #expect(number.region == nil)
        #expect(number.carrier == nil)
        let nonGeographic = try PhoneNumber.parse("+882 1234 5678")
        #expect(nonGeographic.region == "001")
        #expect(!nonGeographic.isValid)
    }

    @Test func maskedShowsOnlyCallingCodeAndLastFourDigits() throws {
        #expect(try PhoneNumber.parse("+44 7700 900123").masked == "+44******0123")
        #expect(try PhoneNumber.parse("+1 650 253 0000").masked == "+1******0000")
        #expect(try PhoneNumber.parse("+44 1234").masked == "+44****")
    }

    @Test func everyTypeNameIsASignalsName() {
        #expect(PhoneNumberType.allCases.map(\.rawValue) == [
            "fixed_line", "mobile", "fixed_line_or_mobile", "toll_free", "premium_rate", "shared_cost",
            "voip", "personal_number", "pager", "uan", "voicemail", "unknown",
        ])
    }
}

/// Printing a number never shows it in full.
@Suite struct DescriptionTests {
    @Test func interpolationAndDumpShowOnlyTheMaskedNumber() throws {
        let number = try PhoneNumber.parse("+44 7700 900123")
        #expect("\(number)" == "+44******0123")
        // +44 7700 900xxx is the drama range: well formed, assigned to no one, so no region fits.
        #expect(String(reflecting: number) == "PhoneNumber(+44******0123, no region, invalid)")
        let valid = try PhoneNumber.parse("+447400123456")
        #expect(String(reflecting: valid) == "PhoneNumber(+44******3456, GB, mobile)")
        #expect(!String(reflecting: valid).contains("7400123456"))
    }
}
