/// The members a request body's objects may hold, nested objects included,
/// so a member the route does not take is refused as `unknown_field` with its
/// dotted path (`profile.nickname`).
///
/// ```swift
/// let schema = FieldSchema(CreateAccountRequest.CodingKeys.self,
///                          nested: ["profile": FieldSchema(AccountProfile.CodingKeys.self)])
/// ```
struct FieldSchema: Sendable {
    /// Each allowed member, with the schema of its value when that is an object.
    let members: [String: FieldSchema?]

    /// Builds a schema from a request type's coding keys.
    ///
    /// - Parameters:
    ///   - keys: The coding keys of the type; every case is an allowed member.
    ///   - nested: The schemas of members whose values are objects.
    init<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type, nested: [String: FieldSchema] = [:]) {
        var members: [String: FieldSchema?] = [:]
        for key in Keys.allCases {
            members[key.stringValue] = .some(nested[key.stringValue])
        }
        self.members = members
    }

    /// The schema of an object that takes no members at all.
    static let noMembers = FieldSchema(members: [:])

    private init(members: [String: FieldSchema?]) {
        self.members = members
    }

    /// The dotted path of the first member, in name order, that the schema does
    /// not allow, or nil when every member is known.
    ///
    /// - Parameters:
    ///   - members: The members found in the body's object.
    ///   - prefix: The dotted path of that object (empty at the top).
    func firstUnknownMember(in members: [String: JSONShape], prefix: String = "") -> String? {
        for name in members.keys.sorted() {
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            guard let allowed = self.members[name] else { return path }
            if let schema = allowed, case .object(let inner) = members[name] {
                if let unknown = schema.firstUnknownMember(in: inner, prefix: path) { return unknown }
            }
        }
        return nil
    }
}

/// A request body the server decodes strictly.
protocol StrictRequestBody: Decodable {
    /// The members its objects may hold.
    static var fieldSchema: FieldSchema { get }
}
