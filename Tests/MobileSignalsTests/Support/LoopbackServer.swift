import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 that answers each request with what
/// the test's responder says, optionally after a delay, and records requests.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable {
        var uri: String
        var authorization: String?
    }

    struct Response: Sendable {
        var status: HTTPResponseStatus = .ok
        var headers: [(String, String)] = [("Content-Type", "application/json")]
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

    static func start(_ responder: @escaping @Sendable (Request) -> Response) async throws -> LoopbackServer {
        let server = LoopbackServer(responder: responder)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(Handler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        server.channel = channel
        return server
    }

    var baseURL: String {
        "http://127.0.0.1:\(channel?.localAddress?.port ?? 0)"
    }

    var requests: [Request] {
        lock.withLock { recorded }
    }

    func stop() async throws {
        try await channel?.close()
    }

    fileprivate func respond(to request: Request) -> Response {
        lock.withLock { recorded.append(request) }
        return responder(request)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: LoopbackServer
        var head: HTTPRequestHead?

        init(server: LoopbackServer) {
            self.server = server
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
            case .body:
                break
            case .end:
                guard let head else { return }
                let response = server.respond(to: Request(uri: head.uri, authorization: head.headers.first(name: "Authorization")))
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
