import MobileSignals
import RuleEngine

/// The production ``CreateSignalSource``: MobileSignals' `SignalGatherer`, one per mode
/// (test mode on the sandbox fixtures, live mode on the configured carrier and trust sources).
public struct GathererSignalSource: CreateSignalSource {
    private let test: SignalGatherer
    private let live: SignalGatherer

    /// Builds the source.
    ///
    /// - Parameters:
    ///   - test: the gatherer for test mode.
    ///   - live: the gatherer for live mode.
    public init(test: SignalGatherer, live: SignalGatherer) {
        self.test = test
        self.live = live
    }

    /// The gatherer's create-stage frame for the request's mode.
    public func signals(for request: SignalRequest) async throws -> [String: SignalValue] {
        let gatherer = request.mode == .test ? test : live
        return try await gatherer.createStageSignals(CreateStageRequest(
            number: request.number, account: AccountSnapshot(id: request.accountID, createdAt: request.accountCreatedAt),
            context: RequestContext(ipCountry: request.ipCountry), mode: request.mode.dataMode, now: request.now,
            startsVerification: request.startsVerification))
    }
}
