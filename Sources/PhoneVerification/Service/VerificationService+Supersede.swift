import Foundation
import SignalStore

extension VerificationService {
    /// Cancels the pending verifications of a number that a new one is about to replace, here and at
    /// their provider, before the new one's code is sent.
    ///
    /// Twilio Verify hands a number's pending verification to the next send for that number within its
    /// window, so two verifications of one number would share one Twilio verification: once one of them
    /// is approved, the other's right code would answer 410. The newest verification of a number wins
    /// instead: every older `pending` one of the same mode and provider (whatever its account) becomes
    /// `canceled`, so it answers 409 `verification_not_pending`, and is canceled at the provider, so the
    /// new send starts a verification of its own there. An older one whose code has expired is left to
    /// expire; one still being created (a concurrent create of the same number) is not touched.
    ///
    /// The local cancels commit in one transaction before any provider is called and stand whatever the
    /// provider answers: a failed provider cancel is logged and counted, and is harmless, since the
    /// canceled verification accepts no code here, and a new send Twilio attaches to the old verification
    /// is then checked against the new verification's reference.
    ///
    /// - Parameters:
    ///   - phoneKey: the number's keyed hash.
    ///   - mode: the mode of the new verification; other modes are never touched.
    ///   - provider: the provider about to send; only its verifications are superseded.
    ///   - except: the new verification's id (its `creating` claim).
    ///   - now: the request time; verifications whose code expired by then are left alone.
    /// - Throws: 500 when the store fails (nothing is sent then).
    func supersedePending(
        phoneKey: PhoneNumberKey, mode: DataMode, provider: any VerificationProvider, except: String, now: Date
    ) async throws(APIError) {
        let providerName = provider.name
        let superseded = try await write("supersede pending verifications") { tx in
            var canceled: [VerificationRecord] = []
            for record in try tx.pendingVerifications(phoneKey: phoneKey, mode: mode, provider: providerName, liveAt: now)
            where record.id != except {
                if try tx.transition(id: record.id, from: [VerificationStatus.pending.rawValue],
                                     to: VerificationStatus.canceled.rawValue, liveAt: now) {
                    canceled.append(record)
                }
            }
            return canceled
        }
        for record in superseded {
            logger.info("verification superseded by a newer one of its number", metadata: [
                "verification_id": "\(record.id)", "superseded_by": "\(except)", "phone": "\(Self.masked(record.phoneNumber))",
            ])
            await cancelAtProvider(record, using: provider)
        }
    }

    /// Cancels a verification the service just canceled at the provider that holds its code, if any:
    /// providers whose codes the service checks itself keep nothing to cancel. A failure is logged and
    /// counted as a provider outcome, never thrown: the local cancel stands.
    ///
    /// - Parameters:
    ///   - record: the canceled verification.
    ///   - provider: its provider, when the caller has it; otherwise looked up by the record's provider name.
    func cancelAtProvider(_ record: VerificationRecord, using provider: (any VerificationProvider)? = nil) async {
        guard record.codeHashes.isEmpty, let provider = provider ?? providers.codeSender(for: record) else { return }
        do {
            try await provider.cancel(CodeCheck(phoneNumber: record.phoneNumber, reference: record.providerReference))
            metrics.providerRequest(provider.name, outcome: "success")
        } catch {
            metrics.providerRequest(provider.name, outcome: VerificationMetrics.outcome(of: error))
            logger.warning("provider cancel failed; the verification stays canceled here", metadata: [
                "verification_id": "\(record.id)", "provider": "\(provider.name)", "error": "\(error)",
            ])
        }
    }
}
