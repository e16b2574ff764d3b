import Hummingbird
import PhoneVerification

/// Reads a list route's query, `?limit=N&starting_after=ID`, strictly: a
/// parameter the route does not take is `unknown_field`, a repeated one or a
/// `limit` that is not a whole number is `invalid_field`. The domain checks the
/// meaning (`limit` 1–100, `starting_after` an id of this list).
enum ListQuery {
    /// The list request the query spells.
    ///
    /// - Parameter request: The request.
    /// - Throws: `APIError` naming the parameter at fault.
    static func parse(_ request: Request) throws(APIError) -> ListRequest {
        var seen: Set<String> = []
        var list = ListRequest()
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            guard seen.insert(name).inserted else {
                throw .invalidField(name, "must be given once")
            }
            switch name {
            case "limit":
                guard let limit = Int(value) else {
                    throw .invalidField("limit", "must be a whole number from 1 to 100")
                }
                list.limit = limit
            case "starting_after":
                list.startingAfter = String(value)
            default:
                throw .unknownField(name)
            }
        }
        return list
    }
}
