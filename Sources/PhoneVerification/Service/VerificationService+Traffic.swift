import Foundation
import MobileSignals
import PhoneNumbers
import RuleEngine
import SignalStore

extension VerificationService {
    /// The traffic counter keys (prefix, block, network) of `number`, with the network taken from the
    /// gathered `carrier.mcc` and `carrier.mnc` when both are in `signals`.
    /// - Parameters:
    ///   - number: the verification's number.
    ///   - signals: the create-stage frame; nil when none was gathered (the network is then not counted).
    func trafficKeys(for number: PhoneNumber, signals: [String: SignalValue]?) -> TrafficKeys {
        func text(_ name: String) -> String? {
            if case .string(let value) = signals?[name] { return value }
            return nil
        }
        return number.trafficKeys(
            network: TrafficKeys.network(mcc: text(SignalName.carrierMCC), mnc: text(SignalName.carrierMNC)),
            blockHasher: blockHasher)
    }

    /// The event that counts a resend which reached the policy as a request, whether or not a code goes out
    /// (a resend the policy stops keeps counting). Record it with `tx.record(_:)` in the transaction that
    /// stores the resend's outcome; its send, if any, is the usual `codeSent` event under the same keys.
    /// - Parameters:
    ///   - record: the verification being resent.
    ///   - country: the number's behaviour country.
    ///   - traffic: the number's traffic keys (``trafficKeys(for:signals:)`` on the resend's frame).
    ///   - at: when the resend reached the policy.
    /// - Returns: the `resend_requested` event.
    func resendRequestedEvent(for record: VerificationRecord, country: String, traffic: TrafficKeys, at: Date) -> BehaviorEvent {
        BehaviorEvent(
            kind: .resendRequested, mode: record.mode, phone: record.phoneKey, accountID: record.accountID,
            country: country, occurredAt: at, traffic: traffic)
    }
}
