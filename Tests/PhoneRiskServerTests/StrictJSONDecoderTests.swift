import NIOCore
import PhoneVerification
import Testing
@testable import PhoneRiskServer

@Suite("Strict JSON decoding of request bodies")
struct StrictJSONDecoderTests {
    private func decode<T: StrictRequestBody>(_ type: T.Type, _ text: String) throws(APIError) -> T {
        try StrictJSONDecoder.decode(type, from: ByteBuffer(string: text))
    }

    private func error<T: StrictRequestBody>(_ type: T.Type, _ text: String) -> APIError? {
        do {
            _ = try decode(type, text)
            return nil
        } catch {
            return error
        }
    }

    @Test("a well-formed body decodes, nested objects included")
    func decodesNested() throws {
        let body = try decode(
            CreateAccountRequest.self,
            #"{"phone_number": "+447400123456", "profile": {"first_name": "Ada", "date_of_birth": "1990-12-10"}}"#)
        #expect(body.phoneNumber == "+447400123456")
        #expect(body.profile?.firstName == "Ada")
        #expect(body.profile?.dateOfBirth == "1990-12-10")
    }

    @Test("an empty or blank body reads as {} and null members read as absent")
    func emptyBody() throws {
        #expect(try decode(CreateVerificationRequest.self, "") == CreateVerificationRequest())
        #expect(try decode(CreateVerificationRequest.self, " \n\t") == CreateVerificationRequest())
        #expect(try decode(CreateVerificationRequest.self, #"{"phone_number": null}"#) == CreateVerificationRequest())
        _ = try decode(EmptyRequestBody.self, "{}")
    }

    @Test("malformed JSON, or JSON that is not an object, is invalid_json without a param")
    func malformed() throws {
        let broken = try #require(error(ConfirmRequest.self, #"{"code": "123456""#))
        #expect(broken.code == .invalidJSON)
        #expect(broken.status == 400)
        #expect(broken.param == nil)
        for text in ["[1, 2]", "\"text\"", "42", "null", "{,}", "{\"code\": 12"] {
            #expect(error(ConfirmRequest.self, text)?.code == .invalidJSON, "\(text)")
        }
    }

    @Test("a member of the wrong type is invalid_field naming it, dotted when nested")
    func wrongType() throws {
        let top = try #require(error(ConfirmRequest.self, #"{"code": 123456}"#))
        #expect(top.code == .invalidField)
        #expect(top.param == "code")
        #expect(top.message.contains("a string"))
        let nested = try #require(error(CreateAccountRequest.self, #"{"profile": {"date_of_birth": 19901210}}"#))
        #expect(nested.code == .invalidField)
        #expect(nested.param == "profile.date_of_birth")
        let notObject = try #require(error(CreateVerificationRequest.self, #"{"context": "GB"}"#))
        #expect(notObject.code == .invalidField)
        #expect(notObject.param == "context")
    }

    @Test("an unknown member is unknown_field naming it, dotted when nested, whatever else is wrong")
    func unknownMember() throws {
        let top = try #require(error(ConfirmRequest.self, #"{"code": "123456", "cod": "1"}"#))
        #expect(top.code == .unknownField)
        #expect(top.param == "cod")
        let nested = try #require(error(CreateVerificationRequest.self, #"{"context": {"ip_country": "GB", "ip": "1.2.3.4"}}"#))
        #expect(nested.code == .unknownField)
        #expect(nested.param == "context.ip")
        let empty = try #require(error(EmptyRequestBody.self, #"{"force": true}"#))
        #expect(empty.code == .unknownField)
        #expect(empty.param == "force")
    }

    @Test("a missing or null required member is missing_field naming it")
    func missingMember() throws {
        for text in ["{}", "", #"{"code": null}"#] {
            let missing = try #require(error(ConfirmRequest.self, text))
            #expect(missing.code == .missingField)
            #expect(missing.param == "code")
        }
        #expect(error(ResolveRequest.self, "{}")?.param == "outcome")
    }

    @Test("deeply nested input is refused as invalid_json, not a crash")
    func deepNesting() {
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        #expect(error(ConfirmRequest.self, deep)?.code == .invalidJSON)
        let deepObject = #"{"code": "1", "x": "# + String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_000) + "}"
        #expect(error(ConfirmRequest.self, deepObject) != nil)
    }
}
