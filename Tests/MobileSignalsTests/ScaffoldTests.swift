import Testing
@testable import MobileSignals
