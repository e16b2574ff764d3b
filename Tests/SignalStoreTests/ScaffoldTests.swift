import Testing
@testable import SignalStore
