import Foundation
import MobileSignals
import RuleEngine
import SignalStore

/// The create-stage signals and the provider that sends the code.
struct CreateSignals: Sendable {
    /// The signal set the policy evaluates.
    var signals: [String: SignalValue]
    /// The provider that sends (and, for Twilio, checks) the code.
    var sender: any VerificationProvider
}

extension VerificationService {
    /// Gathers the create-stage signals; for a `prove` verification, with Prove's call made alongside
    /// the carrier lookups (PROVE.md).
    ///
    /// Prove's answer adds the `prove.*` signals and the carrier signals its codes set, and the code
    /// goes through Twilio Verify (the sandbox for test keys). A failed Prove step, with
    /// `PHONERISK_PROVE_FALLBACK=twilio`, records the fallback on the claim (the claim becomes a
    /// `twilio` one), sets `prove.fallback = true` and proceeds; with `none`, it deletes the claim and
    /// fails the create. Any other failure deletes the claim too.
    ///
    /// - Parameters:
    ///   - request: what the signal source is asked about.
    ///   - claim: the create's claim.
    ///   - provider: the provider the request asked for.
    /// - Returns: the signals and the provider that sends the code.
    /// - Throws: 500 when the signals cannot be gathered; with `FALLBACK=none`, 502 `provider_failed`
    ///   for a failed Prove step, 400 on `type` for a number outside the configured region; 503 when
    ///   Prove cannot serve the mode.
    func createSignals(_ request: SignalRequest, claim: VerificationRecord, provider: any VerificationProvider) async throws(APIError) -> CreateSignals {
        guard let prove = provider as? ProveProvider else {
            return CreateSignals(signals: try await gatheredSignals(request, claim: claim), sender: provider)
        }
        guard let intelligence = prove.signals(in: request.mode) else {
            try await releaseClaim(claim.id)
            throw .providerNotConfigured(provider: prove.name, reason: prove.unavailableReason(in: request.mode) ?? "unavailable")
        }
        let proveRequest = ProveVerifyRequest(phoneNumber: request.number.e164, verificationID: claim.id, accountID: claim.accountID)
        async let outcome = intelligence.answer(for: proveRequest, number: request.number, phone: claim.phoneKey)
        var signals = try await gatheredSignals(request, claim: claim)

        switch await outcome {
        case .success(let answer):
            metrics.providerRequest(prove.name, outcome: "success")
            signals.addProve(answer, now: request.now)
            logger.info("Prove answered", metadata: [
                "verification_id": "\(claim.id)", "correlation_id": "\(answer.correlationID ?? "none")",
                "failure_reasons": "\((answer.failureCodes ?? []).joined(separator: ","))",
            ])
            return CreateSignals(signals: signals, sender: prove.codeSender(in: request.mode))
        case .failure(let failure):
            if failure != .outsideRegion {
                metrics.providerRequest(prove.name, outcome: Self.outcome(of: failure))
            }
            logger.warning("Prove step failed", metadata: [
                "verification_id": "\(claim.id)", "phone": "\(request.number.masked)", "reason": "\(failure.reason)",
                "fallback": "\(prove.settings.fallback.rawValue)", "error": "\(failure)",
            ])
            guard prove.settings.fallback == .twilio else {
                try await releaseClaim(claim.id)
                throw Self.apiError(for: failure, settings: prove.settings)
            }
            let fallback = ProviderFallback(from: ProviderName.prove, to: ProviderName.twilio, reason: failure.reason)
            let recorded = try await write("record a provider fallback") { tx in
                try tx.recordFallback(id: claim.id, fallback: fallback)
            }
            guard recorded else { throw .internalError }
            metrics.providerFallback(from: fallback.from, to: fallback.to, reason: fallback.reason)
            signals.addProveFallback()
            let sender: any VerificationProvider = request.mode == .test ? SandboxProvider() : prove.twilio
            return CreateSignals(signals: signals, sender: sender)
        }
    }

    /// The signal source's create-stage set; a failure deletes the claim and is a logged 500.
    private func gatheredSignals(_ request: SignalRequest, claim: VerificationRecord) async throws(APIError) -> [String: SignalValue] {
        do {
            return try await signals.signals(for: request)
        } catch {
            logger.error("signals could not be gathered", metadata: ["verification_id": "\(claim.id)", "error": "\(error)"])
            try await releaseClaim(claim.id)
            throw .internalError
        }
    }

    /// The API error of a failed Prove step when no fallback is allowed.
    static func apiError(for failure: ProveFailure, settings: ProveSettings) -> APIError {
        switch failure {
        case .outsideRegion:
            .invalidField("type", "the number is outside the Prove region \(settings.region.rawValue) (\(ProveSettings.regionVariable))")
        case .timeout(let deadline):
            .providerFailed(provider: ProviderName.prove, reason: "no answer within \(deadline.components.seconds) s")
        default:
            .providerFailed(provider: ProviderName.prove, reason: "\(failure.reason) (\(failure))")
        }
    }

    /// The `outcome` label of `phonerisk_provider_requests_total` for a failed Prove step.
    static func outcome(of failure: ProveFailure) -> String {
        switch failure {
        case .timeout: "timeout"
        case .rejected, .rateLimited, .outsideRegion: "rejected"
        case .authFailed, .unavailable, .unreadable: "error"
        }
    }

    /// Whether a stored verification accepts the sandbox's codes: the sandbox's own, and a
    /// test-mode one that asked for `prove` (fallen back or not).
    static func acceptsSandboxCodes(_ record: VerificationRecord) -> Bool {
        if record.provider == ProviderName.sandbox { return true }
        let askedForProve = record.provider == ProviderName.prove || record.fallback?.from == ProviderName.prove
        return askedForProve && record.mode == .test
    }
}
