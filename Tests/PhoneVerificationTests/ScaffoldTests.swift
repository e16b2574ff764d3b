import Testing
@testable import PhoneVerification
