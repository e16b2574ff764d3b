/// How a ``SignalCache`` turns its values into stored bytes and back.
///
/// ```swift
/// let codec = SignalCacheCodec<Int>(
///     encode: { Array(String($0).utf8) },
///     decode: { bytes in
///         guard let value = Int(String(decoding: bytes, as: UTF8.self)) else { throw MyError.garbled }
///         return value
///     }
/// )
/// ```
public struct SignalCacheCodec<Value: Sendable>: Sendable {
    /// Encodes a value for the store.
    public let encode: @Sendable (Value) throws -> [UInt8]
    /// Decodes stored bytes; throwing makes the entry count as a miss.
    public let decode: @Sendable ([UInt8]) throws -> Value

    /// Creates a codec.
    /// - Parameters:
    ///   - encode: value to bytes.
    ///   - decode: bytes to value; throws on bytes it cannot read.
    public init(encode: @escaping @Sendable (Value) throws -> [UInt8], decode: @escaping @Sendable ([UInt8]) throws -> Value) {
        self.encode = encode
        self.decode = decode
    }
}
