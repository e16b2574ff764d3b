import Testing
@testable import PhoneRiskServer
