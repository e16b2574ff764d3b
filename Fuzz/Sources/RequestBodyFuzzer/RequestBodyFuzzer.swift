// Fuzzes the HTTP request-body decoding of PhoneRiskServer
// (`StrictJSONDecoder.decode`, internal, hence `@testable`): the shape pass,
// the unknown-member check against each route's schema, the typed decode and
// the mapping of every failure to an `APIError`, then the error envelope the
// client would receive.
//
// Input: one request body. It is decoded as every route's request type.

import FuzzSupport
import Hummingbird
@testable import PhoneRiskServer
import PhoneVerification

/// libFuzzer's entry point for this target (see FuzzSupport).
@_cdecl("RequestBodyFuzzer_main")
public func requestBodyFuzzerMain(_ argc: CInt, _ argv: LibFuzzer.Arguments) -> CInt {
    LibFuzzer.run(argc, argv, requestBodyFuzzerTestOneInput)
}

/// Runs one fuzz input; libFuzzer treats a crash or a failed precondition as a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func requestBodyFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let buffer = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    decode(CreateAccountRequest.self, buffer)
    decode(CreateVerificationRequest.self, buffer)
    decode(ConfirmRequest.self, buffer)
    decode(ResolveRequest.self, buffer)
    return 0
}

private func decode<T: StrictRequestBody>(_ type: T.Type, _ buffer: ByteBuffer) {
    do {
        _ = try StrictJSONDecoder.decode(type, from: buffer)
    } catch {
        // A body the decoder refuses is the client's fault: always a 400 of the
        // invalid-request family with a message, never a 500.
        precondition(error.status == 400 && error.kind == .invalidRequest, "\(T.self): \(error.code) answered \(error.status)")
        precondition(!error.message.isEmpty, "\(T.self): \(error.code) with no message")
        let response = ErrorEnvelope.response(for: error)
        precondition(response.status.code == 400, "\(T.self): envelope status \(response.status.code)")
    }
}
