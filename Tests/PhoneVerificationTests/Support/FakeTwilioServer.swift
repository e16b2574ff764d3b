import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP/1.1 server on 127.0.0.1 that answers like Twilio Verify, as the test scripts it,
/// optionally late, and records each request's path, authorization and form body.
final class FakeTwilioServer: @unchecked Sendable {
    struct Request: Sendable {
        var path: String
        var authorization: String?
        var form: [String: String]
    }

    struct Response: Sendable {
        var status: HTTPResponseStatus = .ok
        var body: String
        var delay: TimeAmount?
    }

    private let responder: @Sendable (Request) -> Response
    // Guards `recorded`.
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var channel: (any Channel)?

    private init(responder: @escaping @Sendable (Request) -> Response) {
        self.responder = responder
    }

    static func start(_ responder: @escaping @Sendable (Request) -> Response) async throws -> FakeTwilioServer {
        let server = FakeTwilioServer(responder: responder)
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

    var baseURL: String { "http://127.0.0.1:\(channel?.localAddress?.port ?? 0)" }
    var requests: [Request] { lock.withLock { recorded } }

    func stop() async throws { try await channel?.close() }

    fileprivate func respond(to request: Request) -> Response {
        lock.withLock { recorded.append(request) }
        return responder(request)
    }

    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: FakeTwilioServer
        var head: HTTPRequestHead?
        var body = ""

        init(server: FakeTwilioServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = ""
            case .body(let buffer):
                body += String(buffer: buffer)
            case .end:
                guard let head else { return }
                let request = Request(path: head.uri, authorization: head.headers.first(name: "Authorization"),
                                      form: FakeTwilioServer.form(body))
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
            let body = ByteBuffer(string: response.body)
            var headers = HTTPHeaders([("Content-Type", "application/json")])
            headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
