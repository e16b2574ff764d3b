import Foundation
import Synchronization

/// The state one process keeps per Prove base URL and client: the access
/// token (shared by concurrent calls, one token request at a time), the cap
/// of 25 requests a second and the pause a 429's `Retry-After` asks for.
///
/// Times come from the caller's clock, so tests move them without sleeping.
actor ProveSession {
    /// A token and when it stops being usable.
    struct HeldToken: Sendable {
        var value: String
        var expiresAt: Date
    }

    /// Prove's published limit.
    static let requestsPerSecond = 25
    /// A token with less than this left is replaced before use.
    static let refreshMargin: TimeInterval = 60

    private var token: HeldToken?
    private var refreshing: Task<HeldToken, any Error>?
    private var recentRequests: [Date] = []
    private var pausedUntil: Date?

    private static let sessions = Mutex<[String: ProveSession]>([:])

    /// The process's session for `baseURL` and `clientID`, made on first use.
    static func shared(baseURL: String, clientID: String) -> ProveSession {
        sessions.withLock { sessions in
            let key = baseURL + "\u{0}" + clientID
            if let session = sessions[key] { return session }
            let session = ProveSession()
            sessions[key] = session
            return session
        }
    }

    /// Counts one request about to be sent, or refuses it: during a 429's
    /// pause, or when 25 were sent in the last second.
    /// - Parameter now: the caller's time.
    /// - Throws: ``ProveFailure/rateLimited(_:)``.
    func admit(now: Date) throws(ProveFailure) {
        if let pausedUntil, now < pausedUntil {
            throw .rateLimited("Prove asked for a pause until \(pausedUntil.timeIntervalSince1970) (Retry-After)")
        }
        recentRequests.removeAll { now.timeIntervalSince($0) >= 1 || $0 > now }
        guard recentRequests.count < Self.requestsPerSecond else {
            throw .rateLimited("\(Self.requestsPerSecond) requests were sent in the last second")
        }
        recentRequests.append(now)
    }

    /// Sends nothing more until `until` (a 429's `Retry-After`).
    func pause(until: Date) {
        pausedUntil = max(pausedUntil ?? until, until)
    }

    /// A token with at least a minute left: the one held, the one being
    /// requested by another call, or a new one from `request`.
    /// - Parameters:
    ///   - now: the caller's time.
    ///   - request: asks Prove for a token.
    func token(now: Date, request: @escaping @Sendable () async throws -> HeldToken) async throws -> String {
        if let token, token.expiresAt.timeIntervalSince(now) >= Self.refreshMargin {
            return token.value
        }
        if let refreshing {
            return try await refreshing.value.value
        }
        let task = Task { try await request() }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        token = fresh
        return fresh.value
    }

    /// Forgets `value` after Prove refused it (a 401), unless another call already replaced it.
    func discard(_ value: String) {
        if token?.value == value { token = nil }
    }
}
