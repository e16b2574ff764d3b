/// The structure of a JSON document without its values: which members each
/// object has, recursively. Read first, so syntax errors and unknown members
/// are found before the typed decode.
enum JSONShape: Decodable {
    /// An object and the shapes of its members.
    case object([String: JSONShape])
    /// An array and the shapes of its elements.
    case array([JSONShape])
    /// A string, number, boolean or null.
    case scalar

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyCodingKey.self) {
            var members: [String: JSONShape] = [:]
            for key in container.allKeys {
                members[key.stringValue] = try container.decode(JSONShape.self, forKey: key)
            }
            self = .object(members)
        } else if var container = try? decoder.unkeyedContainer() {
            var elements: [JSONShape] = []
            while !container.isAtEnd {
                elements.append(try container.decode(JSONShape.self))
            }
            self = .array(elements)
        } else {
            self = .scalar
        }
    }
}

/// A coding key for any member name.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
