/// A page of a list: `{"object": "list", "data": [...], "has_more": bool}`, newest first.
///
/// ```swift
/// let page = try await service.listVerifications(accountID: id, limit: 10, startingAfter: nil, mode: .test)
/// if page.hasMore, let last = page.data.last { /* next page: startingAfter = last.id */ }
/// ```
public struct ListPage<Element: Sendable & Hashable & Encodable>: Sendable, Hashable, Encodable {
    /// The page's items, newest first.
    public var data: [Element]
    /// Whether older items follow the last one.
    public var hasMore: Bool

    /// Builds a page.
    ///
    /// - Parameters:
    ///   - data: the items, newest first.
    ///   - hasMore: whether more follow.
    public init(data: [Element], hasMore: Bool) {
        self.data = data
        self.hasMore = hasMore
    }

    private enum CodingKeys: String, CodingKey {
        case object, data
        case hasMore = "has_more"
    }

    /// Encodes the object exactly as API.md shows it: every documented field, `null` when empty.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("list", forKey: .object)
        try container.encode(data, forKey: .data)
        try container.encode(hasMore, forKey: .hasMore)
    }
}
