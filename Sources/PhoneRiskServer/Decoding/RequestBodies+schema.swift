// Each request body of PhoneVerification with the members its objects may hold,
// for ``StrictJSONDecoder``.

import PhoneVerification

extension CreateAccountRequest: StrictRequestBody {
    static var fieldSchema: FieldSchema {
        FieldSchema(CodingKeys.self, nested: ["profile": FieldSchema(AccountProfile.CodingKeys.self)])
    }
}

extension CreateVerificationRequest: StrictRequestBody {
    static var fieldSchema: FieldSchema {
        FieldSchema(CodingKeys.self, nested: ["context": FieldSchema(Context.CodingKeys.self)])
    }
}

extension ConfirmRequest: StrictRequestBody {
    static var fieldSchema: FieldSchema { FieldSchema(CodingKeys.self) }
}

extension ResolveRequest: StrictRequestBody {
    static var fieldSchema: FieldSchema { FieldSchema(CodingKeys.self) }
}

/// The body of `resend` and `cancel`: empty, or `{}`.
struct EmptyRequestBody: StrictRequestBody {
    static var fieldSchema: FieldSchema { .noMembers }

    init(from decoder: any Decoder) throws {}
}
