import Hummingbird
import NIOConcurrencyHelpers

/// Every route the server registers, as method and path pattern
/// (`POST /v1/accounts/{account_id}/phone_verifications`).
///
/// The router answers an unmatched request with a bare 404; the table tells a
/// path it does not know (404) from a known path asked with the wrong method
/// (405 with `Allow`), and lets tests check `docs/openapi.yaml` against the
/// routes that really exist.
///
/// The table is filled while the router is built and only read afterwards;
/// it is a shared reference because the error middleware that reads it is
/// installed before the routes it must know about.
///
/// ```swift
/// routes.allowedMethods(for: "/v1/accounts")   // [.post]
/// ```
public final class RouteTable: Sendable {
    /// One registered route.
    public struct Entry: Sendable, Hashable {
        /// The method.
        public var method: HTTPRequest.Method
        /// The path pattern, parameters written `{name}`.
        public var path: String
    }

    private let storage = NIOLockedValueBox<[Entry]>([])

    /// Creates an empty table.
    init() {}

    /// The routes, in registration order.
    public var entries: [Entry] { storage.withLockedValue { $0 } }

    /// Records a route.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The full path pattern.
    func add(_ method: HTTPRequest.Method, _ path: String) {
        storage.withLockedValue { $0.append(Entry(method: method, path: path)) }
    }

    /// The methods registered for the routes whose pattern matches `path`.
    ///
    /// - Parameter path: A request path.
    /// - Returns: The methods, in registration order; empty for an unknown path.
    public func allowedMethods(for path: String) -> [HTTPRequest.Method] {
        let segments = Self.segments(path)
        var methods: [HTTPRequest.Method] = []
        for entry in entries where Self.matches(pattern: Self.segments(entry.path), segments) {
            if !methods.contains(entry.method) { methods.append(entry.method) }
        }
        return methods
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func matches(pattern: [Substring], _ segments: [Substring]) -> Bool {
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { expected, actual in
            expected.hasPrefix("{") || expected == actual
        }
    }
}

extension RouterMethods {
    /// Registers `handler` for `method` and `path` and records it in `table`.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - path: The path below this router or group (`accounts/{id}`).
    ///   - prefix: The group's own prefix (`/v1`), for the recorded pattern.
    ///   - table: The table recording every route.
    ///   - handler: The route's handler.
    func route(
        _ method: HTTPRequest.Method, _ path: String, prefix: String = "", recordIn table: RouteTable,
        use handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        table.add(method, prefix + "/" + path)
        on(RouterPath(path), method: method, use: handler)
    }
}
