import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves a ``FakeTwilio`` over HTTP on 127.0.0.1 (a free port), so the service's real Twilio
/// clients reach it through `PHONERISK_TWILIO_LOOKUP_URL` and `PHONERISK_TWILIO_VERIFY_URL`.
///
/// ```swift
/// let server = try await FakeTwilioServer.start(twilio)
/// environment["PHONERISK_TWILIO_VERIFY_URL"] = server.baseURL
/// // …
/// await server.stop()
/// ```
public final class FakeTwilioServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(baseURL: String, group: ServiceGroup, running: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.group = group
        self.running = running
    }

    /// Starts serving `twilio` and returns once the port accepts connections.
    ///
    /// - Parameter twilio: The fake's logic and state.
    /// - Throws: When no port can be bound.
    public static func start(_ twilio: FakeTwilio) async throws -> FakeTwilioServer {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            let answer = twilio.respond(FakeTwilio.Request(
                method: request.method.rawValue,
                path: request.uri.path.removingPercentEncoding ?? request.uri.path,
                query: Self.form(request.uri.query ?? ""),
                authorization: request.headers[.authorization],
                form: Self.form(String(buffer: body))))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let bytes = try encoder.encode(answer.body)
            return Response(
                status: HTTPResponse.Status(code: answer.status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        let (ports, port) = AsyncStream.makeStream(of: Int.self)
        var quiet = Logger(label: "phonerisk.simulate.twilio")
        quiet.logLevel = .critical
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-twilio"),
            onServerRunning: { channel in
                port.yield(channel.localAddress?.port ?? 0)
                port.finish()
            },
            logger: quiet)
        let group = ServiceGroup(configuration: .init(services: [application], logger: quiet))
        let running = Task { try await group.run() }
        var bound = 0
        for await value in ports { bound = value }
        guard bound > 0 else {
            running.cancel()
            throw FakeTwilioServerError.notListening
        }
        return FakeTwilioServer(baseURL: "http://127.0.0.1:\(bound)", group: group, running: running)
    }

    /// Stops serving and waits until the port is closed.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }

    /// The fields of a query string or an `application/x-www-form-urlencoded` body.
    static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { part in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}

/// The fake Twilio could not start.
enum FakeTwilioServerError: Error, CustomStringConvertible {
    case notListening

    var description: String { "the fake Twilio server did not start listening on 127.0.0.1" }
}
