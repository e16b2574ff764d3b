import ArgumentParser
import Foundation
import PhoneNumbers

/// `phonerisk phone [--region CC] [NUMBER...]`: parses and classifies phone numbers.
struct PhoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone",
        abstract: "Parse phone numbers and show their validity, region, type and original carrier.",
        discussion: """
            Reads the NUMBER arguments, else standard input one number a line, and answers every \
            one in order with a JSON line: \
            {"input","valid","e164","country","country_code","type","carrier"}. A number that \
            parses but is not in an assigned range has "valid": false and "type": "unknown"; \
            text that is not a number (or a blank line) gives {"input","valid":false,"error"}. \
            "country" is ISO 3166-1 alpha-2, "001" for non-geographic numbers, null when no \
            region fits. Without a region only numbers written with + (or tel:+) parse. The \
            exit status is 0 whatever the numbers were. Metadata: libphonenumber \
            (phonenumbers \(PhoneNumberMetadata.sourceVersion)).
            """
    )

    @Option(name: .long, help: ArgumentHelp(
        "Region for national forms and international prefixes, e.g. GB (default: $PHONERISK_REGION).",
        valueName: "CC"))
    var region: String?

    @Argument(help: "Numbers to parse; without any, standard input is read one number a line.")
    var numbers: [String] = []

    /// The region in force: the flag, else `PHONERISK_REGION`, else none.
    private var defaultRegion: String? {
        if let region { return region }
        let fromEnvironment = ProcessInfo.processInfo.environment["PHONERISK_REGION"] ?? ""
        return fromEnvironment.isEmpty ? nil : fromEnvironment
    }

    func validate() throws {
        if let defaultRegion, !PhoneNumberMetadata.isSupportedRegion(defaultRegion) {
            throw ValidationError(
                "unknown region '\(defaultRegion)': give an ISO 3166-1 alpha-2 code with phone metadata, such as GB or US")
        }
    }

    func run() throws {
        let region = defaultRegion
        if !numbers.isEmpty {
            try Self.write(numbers.map { Self.answer($0, region: region) }.joined())
            return
        }
        while let line = readLine(strippingNewline: true) {
            try Self.write(Self.answer(line, region: region))
        }
    }

    /// One JSON line for one input, keys in CLI.md's order.
    static func answer(_ input: String, region: String?) -> String {
        var json = JSONLine()
        json.add("input", string: input)
        do {
            let number = try PhoneNumber.parse(input, defaultRegion: region)
            json.add("valid", literal: number.isValid ? "true" : "false")
            json.add("e164", string: number.e164)
            json.add("country", string: number.region)
            json.add("country_code", literal: String(number.countryCode))
            json.add("type", string: number.type.rawValue)
            json.add("carrier", string: number.carrier)
        } catch {
            json.add("valid", literal: "false")
            json.add("error", string: error.description)
        }
        return json.finished()
    }

    private static func write(_ text: String) throws {
        try StandardOutput.write(Data(text.utf8))
    }
}

/// A JSON object written key by key, so keys keep the documented order.
private struct JSONLine {
    private var text = "{"

    mutating func add(_ key: String, literal: String) {
        if text.count > 1 { text += "," }
        text += Self.quoted(key) + ":" + literal
    }

    mutating func add(_ key: String, string: String?) {
        add(key, literal: string.map(Self.quoted) ?? "null")
    }

    func finished() -> String { text + "}\n" }

    private static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
