import PhoneNumbers
import SignalStore

extension SignalGatherer {
    /// The carrier and trust answers of one number, from the caches or the sources.
    struct RemoteAnswers: Sendable {
        /// The carrier packages merged (line type first), or `nil` when none answered.
        var carrier: CarrierFacts?
        /// The trust score, or `nil` when missing.
        var trustScore: Int?
    }

    private enum Answer: Sendable {
        case carrier(CarrierField, CarrierFacts?)
        case trust(Int?)
    }

    /// Answers every configured package: the in-process tier first, without
    /// suspending; whatever it does not hold is resolved concurrently.
    /// Invalid numbers are never sent to a provider.
    func remoteAnswers(for number: PhoneNumber, phone: PhoneNumberKey) async -> RemoteAnswers {
        guard number.isValid else { return RemoteAnswers() }
        var carrierAnswers = CarrierAnswers()
        // Stays empty (no allocation) when the in-process tier holds every package.
        var missingFields: [(CarrierField, SignalCacheKey)] = []
        var trustScore: Int?
        var trustKey: SignalCacheKey?

        if let carrierLookup {
            let source = carrierLookup.source
            for field in CarrierField.allCases where carrierLookup.asks(field, about: number) {
                let key = SignalCacheKey(phone: phone, kind: field.cacheKind, source: source)
                if let cached = carrierCache.cachedInProcess(for: key) {
                    carrierAnswers[field] = cached
                } else {
                    missingFields.append((field, key))
                }
            }
        }
        if let trustScores {
            let key = SignalCacheKey(phone: phone, kind: .trustScore, source: trustScores.source)
            if let cached = trustCache.cachedInProcess(for: key) {
                trustScore = cached?.score
            } else {
                trustKey = key
            }
        }

        if !missingFields.isEmpty || trustKey != nil {
            await withTaskGroup(of: Answer.self) { group in
                if let carrierLookup {
                    for (field, key) in missingFields {
                        group.addTask {
                            .carrier(field, await self.carrierCache.value(for: key) {
                                try await carrierLookup.lookup(number, field: field)
                            })
                        }
                    }
                }
                if let trustKey, let trustScores {
                    group.addTask {
                        .trust(await self.trustCache.value(for: trustKey) {
                            let score = try await trustScores.trustScore(for: number)
                            guard score.map({ (0...1000).contains($0) }) ?? true else {
                                throw TrustScoreOutOfRange(score: score ?? 0)
                            }
                            return CachedTrustScore(score: score)
                        }?.score)
                    }
                }
                for await answer in group {
                    switch answer {
                    case .carrier(let field, let facts): carrierAnswers[field] = facts
                    case .trust(let score): trustScore = score
                    }
                }
            }
        }

        return RemoteAnswers(carrier: carrierAnswers.merged, trustScore: trustScore)
    }
}

/// A trust provider answered a score outside 0…1000.
struct TrustScoreOutOfRange: Error, CustomStringConvertible {
    let score: Int
    var description: String { "the trust score \(score) is outside 0…1000" }
}
