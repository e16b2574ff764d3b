/// The query of a list route: `?limit=…&starting_after=…`.
///
/// The server parses the query text; `VerificationService` checks the
/// meaning (`limit` 1–100, default 10; `starting_after` an id of this list).
public struct ListRequest: Sendable, Hashable {
    /// Page size, 1–100; nil for 10.
    public var limit: Int?
    /// The id of the last item of the previous page.
    public var startingAfter: String?

    /// Builds a list request.
    ///
    /// - Parameters:
    ///   - limit: page size, 1–100, or nil for 10.
    ///   - startingAfter: the previous page's last id.
    public init(limit: Int? = nil, startingAfter: String? = nil) {
        self.limit = limit
        self.startingAfter = startingAfter
    }
}
