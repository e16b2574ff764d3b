import Foundation
@testable import PhoneVerification

/// A provider standing in for a real one: it holds its code (like Twilio Verify) and accepts
/// `424242`, or fails as told, and counts what it was asked.
final class ScriptedProvider: VerificationProvider, @unchecked Sendable {
    static let rightCode = "424242"

    let name: String
    // Guards the fields below.
    private let lock = NSLock()
    private var failure: ProviderError?
    private var sentTo: [String] = []
    private var checked = 0
    private var canceledReferences: [String?] = []

    init(name: String = ProviderName.twilio) {
        self.name = name
    }

    var unavailableReason: String? { nil }

    func fail(with error: ProviderError?) { lock.withLock { failure = error } }
    var sends: [String] { lock.withLock { sentTo } }
    var checks: Int { lock.withLock { checked } }
    /// The references of the verifications canceled here, in order.
    var cancels: [String?] { lock.withLock { canceledReferences } }

    func send(_ delivery: CodeDelivery) async throws(ProviderError) -> SentCode {
        let failure: ProviderError? = lock.withLock {
            if self.failure == nil { sentTo.append(delivery.phoneNumber) }
            return self.failure
        }
        if let failure { throw failure }
        return SentCode(acceptance: .providerChecks, reference: "VE\(delivery.verificationID.prefix(8))")
    }

    func check(_ code: String, for check: CodeCheck) async throws(ProviderError) -> Bool {
        let failure: ProviderError? = lock.withLock {
            checked += 1
            return self.failure
        }
        if let failure { throw failure }
        return code == Self.rightCode
    }

    func cancel(_ check: CodeCheck) async throws(ProviderError) {
        let failure: ProviderError? = lock.withLock {
            canceledReferences.append(check.reference)
            return self.failure
        }
        if let failure { throw failure }
    }
}
