import Foundation
import SignalStore

extension SignalCacheCodec where Value: Codable {
    /// Stores values as JSON; unreadable bytes decode as a miss.
    static var json: SignalCacheCodec<Value> {
        SignalCacheCodec(
            encode: { value in
                let encoder = JSONEncoder()
                encoder.dateEncodingStrategy = .millisecondsSince1970
                return Array(try encoder.encode(value))
            },
            decode: { bytes in
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .millisecondsSince1970
                return try decoder.decode(Value.self, from: Data(bytes))
            }
        )
    }
}
