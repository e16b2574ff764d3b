import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 for tests that stand in for an outside
/// service (Twilio Lookup, Twilio Verify, Prove): it answers each request with what
/// the test's responder says, optionally late, and records every request.
///
/// ```swift
/// let server = try await LoopbackHTTPServer.start { request in
///     .init(status: .created, body: #"{"sid": "VE1"}"#, delay: .seconds(10))
/// }
/// defer { Task { try? await server.stop() } }
/// let client = TwilioVerifyProvider(credentials: credentials, baseURL: server.baseURL)
/// ```
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// One request as the server saw it.
    public struct Request: Sendable {
        /// The request target as sent: path and query.
        public var uri: String
        /// The `Authorization` header, if any.
        public var authorization: String?
        /// The `Content-Type` header, if any.
        public var contentType: String?
        /// The body as text.
        public var body: String

        /// The path without the query.
        public var path: String { String(uri.prefix { $0 != "?" }) }

        /// The body read as an `application/x-www-form-urlencoded` form.
        public var form: [String: String] {
            var fields: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return fields
        }
    }

    /// The answer to one request.
    public struct Response: Sendable {
        /// The status line's status.
        public var status: HTTPResponseStatus
        /// The headers; `Content-Length` is set by the server.
        public var headers: [(String, String)]
        /// The body.
        public var body: String
        /// How long to wait before answering (to make a client time out).
        public var delay: TimeAmount?

        /// - Parameters:
        ///   - status: the status, 200 by default.
        ///   - headers: the headers, JSON's content type by default.
        ///   - body: the body.
        ///   - delay: how long to wait before answering, none by default.
        public init(
            status: HTTPResponseStatus = .ok, headers: [(String, String)] = [("Content-Type", "application/json")],
            body: String, delay: TimeAmount? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
        }
    }

    private let responder: @Sendable (Request) -> Response
    // Guards `recorded`.
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var channel: (any Channel)?

    private init(responder: @escaping @Sendable (Request) -> Response) {
        self.responder = responder
    }

    /// Starts a server on a free port of 127.0.0.1.
    /// - Parameter responder: what to answer to each request.
    /// - Returns: the running server.
    public static func start(_ responder: @escaping @Sendable (Request) -> Response) async throws -> LoopbackHTTPServer {
        let server = LoopbackHTTPServer(responder: responder)
        server.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(Handler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return server
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(channel?.localAddress?.port ?? 0)" }

    /// Every request received so far, in order.
    public var requests: [Request] { lock.withLock { recorded } }

    /// Stops listening.
    public func stop() async throws { try await channel?.close() }

    fileprivate func respond(to request: Request) -> Response {
        lock.withLock { recorded.append(request) }
        return responder(request)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: LoopbackHTTPServer
        var head: HTTPRequestHead?
        var body = ""

        init(server: LoopbackHTTPServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = ""
            case .body(let buffer):
                body += String(buffer: buffer)
            case .end:
                guard let head else { return }
                let request = Request(
                    uri: head.uri, authorization: head.headers.first(name: "Authorization"),
                    contentType: head.headers.first(name: "Content-Type"), body: body)
                let response = server.respond(to: request)
                if let delay = response.delay {
                    context.eventLoop.assumeIsolated().scheduleTask(in: delay) { self.write(response, context: context) }
                } else {
                    write(response, context: context)
                }
            }
        }

        private func write(_ response: Response, context: ChannelHandlerContext) {
            guard context.channel.isActive else { return }
            var headers = HTTPHeaders(response.headers)
            let body = ByteBuffer(string: response.body)
            headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
