import Foundation
import NIOCore
import PhoneVerification

/// Decodes request bodies strictly and turns every failure into the precise
/// `APIError` the API promises, in this order: `invalid_json` (not JSON, or
/// not an object), `unknown_field`, then `invalid_field` (wrong type) and
/// `missing_field`, with `param` naming the dotted field.
///
/// An empty body (or one of only whitespace) reads as `{}`, so routes whose
/// fields are all optional take it, and routes with a required field answer
/// `missing_field` naming it rather than a bare `invalid_json`. A `null`
/// member reads as absent.
///
/// ```swift
/// let body = try StrictJSONDecoder.decode(ConfirmRequest.self, from: buffer)
/// ```
enum StrictJSONDecoder {
    /// Decodes `type` from `buffer`.
    ///
    /// - Parameters:
    ///   - type: The request type.
    ///   - buffer: The collected body.
    /// - Throws: `APIError` describing the first problem found.
    static func decode<T: StrictRequestBody>(_ type: T.Type, from buffer: ByteBuffer) throws(APIError) -> T {
        var bytes = Data(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            bytes = Data("{}".utf8)
        }
        let decoder = JSONDecoder()
        let shape: JSONShape
        do {
            shape = try decoder.decode(JSONShape.self, from: bytes)
        } catch {
            // Foundation's decoder reports no position for a syntax error, so
            // there is nothing more precise to say than this.
            throw .invalidJSON("it is not well-formed JSON")
        }
        guard case .object(let members) = shape else {
            throw .invalidJSON("the body must be a JSON object")
        }
        if let unknown = T.fieldSchema.firstUnknownMember(in: members) {
            throw .unknownField(unknown)
        }
        do {
            return try decoder.decode(T.self, from: bytes)
        } catch let error as DecodingError {
            throw apiError(for: error)
        } catch {
            throw .invalidJSON("it could not be read")
        }
    }

    private static func apiError(for error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(dotted(context.codingPath + [key]))
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty:
            return .missingField(dotted(context.codingPath))
        case .typeMismatch(let expected, let context) where !context.codingPath.isEmpty:
            return .invalidField(dotted(context.codingPath), "must be \(describe(expected))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .invalidField(dotted(context.codingPath), "is not an acceptable value")
        default:
            return .invalidJSON("the body must be a JSON object")
        }
    }

    /// `profile.date_of_birth`; array positions read `items[2]`.
    ///
    /// - Parameter path: A decoding path.
    static func dotted(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        default: "an object"
        }
    }
}
