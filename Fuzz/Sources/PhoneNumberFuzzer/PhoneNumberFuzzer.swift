// Fuzzes `PhoneNumber.parse(_:defaultRegion:)`.
//
// Input: the number as written, or `REGION<TAB>number` to pass a default
// region (any text, so unknown and malformed regions are exercised too).
// Without a tab the text is parsed with no region and with `GB`.
//
// Beyond not crashing, a parsed number must hold its invariants: its E.164
// form is `+`, calling code and national number, its mask hides all but the
// last four digits, and a valid number's E.164 form reads back as the same
// number. (An invalid number's E.164 need not: reading it again may strip a
// national prefix a second time, as libphonenumber does; see
// docs/RELIABILITY.md.)

import FuzzSupport
import PhoneNumbers

/// libFuzzer's entry point for this target (see FuzzSupport).
@_cdecl("PhoneNumberFuzzer_main")
public func phoneNumberFuzzerMain(_ argc: CInt, _ argv: LibFuzzer.Arguments) -> CInt {
    // The metadata tables are built on first use (seconds under ASan); build
    // them now so libFuzzer does not time that against the first input.
    _ = try? PhoneNumber.parse("+447700900123")
    return LibFuzzer.run(argc, argv, phoneNumberFuzzerTestOneInput)
}

/// Runs one fuzz input; libFuzzer treats a crash or a failed precondition as a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func phoneNumberFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let tab = text.firstIndex(of: "\t") {
        check(String(text[text.index(after: tab)...]), region: String(text[..<tab]))
    } else {
        check(text, region: nil)
        check(text, region: "GB")
    }
    return 0
}

private func check(_ text: String, region: String?) {
    let number: PhoneNumber
    do {
        number = try PhoneNumber.parse(text, defaultRegion: region)
    } catch {
        precondition(!error.description.isEmpty, "a parse error with no message")
        return
    }
    precondition(number.e164 == "+\(number.countryCode)\(number.nationalNumber)", "E.164 is not calling code + national number")
    precondition(number.masked.hasPrefix("+") && number.masked.count == number.e164.count, "mask changes the length")
    precondition(!number.masked.contains(number.nationalNumber) || number.nationalNumber.count <= 4, "mask shows the whole national number")
    guard number.isValid else { return }
    do {
        let again = try PhoneNumber.parse(number.e164)
        precondition(again == number, "re-reading \(number.e164) gives \(again.e164)")
    } catch {
        preconditionFailure("re-reading \(number.e164) fails: \(error)")
    }
}
