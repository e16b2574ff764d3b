import Foundation
import PhoneNumbers
import PhoneVerification

/// A scenario file that cannot be used: which file, which field, what is wrong with it.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as given.
    public var file: String
    /// The field's path (`populations[2].behavior.code_entry.min`), or empty for the whole file.
    public var field: String
    /// What is wrong.
    public var problem: String

    /// `FILE: FIELD: PROBLEM`.
    public var description: String {
        field.isEmpty ? "\(file): \(problem)" : "\(file): \(field): \(problem)"
    }
}

extension Scenario {
    /// The scenario in a file, checked field by field; an unknown field is an error, so a typo
    /// never silently falls back to a default.
    ///
    /// - Parameter path: The JSON file.
    /// - Throws: ``ScenarioError`` naming the file, the field and the problem.
    public static func load(file path: String) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, field: "", problem: "cannot be read (no such file, or not readable)")
        }
        return try decode(data, file: path)
    }

    /// The scenario in `data`, named `file` in errors.
    ///
    /// - Parameters:
    ///   - data: The JSON text.
    ///   - file: How errors name it.
    /// - Throws: ``ScenarioError``.
    public static func decode(_ data: Data, file: String) throws(ScenarioError) -> Scenario {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ScenarioError(file: file, field: "", problem: "is not JSON (\(Self.describe(error)))")
        }
        let top = try FieldReader(root, file: file, path: "")
        try top.allow(["name", "description", "start", "populations"])
        let start = try top.optionalString("start").map { text throws(ScenarioError) in
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw top.error("start", "\"\(text)\" is not an ISO 8601 UTC time such as 2026-03-02T00:00:00Z")
            }
            return date
        } ?? Date(timeIntervalSince1970: 1_772_409_600)
        let list = try top.array("populations")
        guard !list.isEmpty else { throw top.error("populations", "must list at least one population") }
        var populations: [Population] = []
        var names = Set<String>()
        for (index, value) in list.enumerated() {
            let reader = try FieldReader(value, file: file, path: "populations[\(index)]")
            let population = try Population(reading: reader)
            guard names.insert(population.name).inserted else {
                throw reader.error("name", "\"\(population.name)\" names another population too")
            }
            populations.append(population)
        }
        return Scenario(name: try top.string("name"), description: try top.optionalString("description"), start: start,
                        populations: populations, file: file)
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
        }
        return "\(error)"
    }
}

extension Population {
    init(reading reader: FieldReader) throws(ScenarioError) {
        try reader.allow(["name", "label", "flows", "arrival", "numbers", "accounts", "ip_country", "carrier", "behavior"])
        name = try reader.string("name")
        let labelText = try reader.string("label")
        guard let label = PopulationLabel(rawValue: labelText) else {
            throw reader.error("label", "\"\(labelText)\" is not one of \(PopulationLabel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.label = label
        flows = try reader.int("flows", in: 1...1_000_000)
        arrival = try Arrival(reading: reader.objectOrEmpty("arrival"))
        numbers = try NumberSource(reading: try reader.object("numbers"))
        accounts = try AccountPool(reading: reader.objectOrEmpty("accounts"))
        if let weights = try reader.optionalObject("ip_country") {
            ipCountry = try Self.ipCountries(weights)
        } else {
            ipCountry = [(.home, 1)]
        }
        carrier = try CarrierProfile(reading: reader.objectOrEmpty("carrier"))
        behavior = try Behavior(reading: reader.objectOrEmpty("behavior"))
    }

    private static func ipCountries(_ reader: FieldReader) throws(ScenarioError) -> [(IPCountryChoice, Double)] {
        var choices: [(IPCountryChoice, Double)] = []
        for key in reader.members.keys.sorted() {
            let weight = try reader.double(key, in: 0...1_000_000)
            switch key {
            case "home": choices.append((.home, weight))
            case "other": choices.append((.other, weight))
            case "none": choices.append((.none, weight))
            default:
                guard key.count == 2, key.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                    throw reader.error(key, "is neither home, other, none nor a two-letter ISO country code")
                }
                choices.append((.fixed(key), weight))
            }
        }
        guard choices.contains(where: { $0.1 > 0 }) else { throw reader.error("", "needs at least one weight above 0") }
        return choices
    }
}

extension Arrival {
    init(reading reader: FieldReader) throws(ScenarioError) {
        try reader.allow(["from", "to", "shape"])
        from = try reader.optionalDuration("from") ?? 0
        to = try reader.optionalDuration("to") ?? 86_400
        guard to > from else { throw reader.error("to", "must be later than from") }
        let shapeText = try reader.optionalString("shape") ?? "uniform"
        guard let shape = Shape(rawValue: shapeText) else {
            throw reader.error("shape", "\"\(shapeText)\" is not one of \(Shape.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.shape = shape
    }
}

extension NumberSource {
    init(reading reader: FieldReader) throws(ScenarioError) {
        try reader.allow(["regions", "calling_code", "first", "type", "sequential", "flows_per_number"])
        let given = ["regions", "calling_code", "first"].filter { reader.members[$0] != nil }
        guard given.count == 1 else {
            throw reader.error("", "needs exactly one of regions, calling_code or first (found \(given.isEmpty ? "none" : given.joined(separator: ", ")))")
        }
        let typeText = try reader.optionalString("type") ?? "mobile"
        guard let type = PhoneNumberType(rawValue: typeText), type != .unknown else {
            throw reader.error("type", "\"\(typeText)\" is not a phone.type such as mobile, voip, premium_rate")
        }
        self.type = type
        sequential = try reader.optionalBool("sequential") ?? false
        flowsPerNumber = try reader.optionalInt("flows_per_number", in: 1...1_000_000) ?? 1
        if let regions = try reader.optionalObject("regions") {
            var weights: [String: Double] = [:]
            for key in regions.members.keys.sorted() {
                guard PhoneNumberMetadata.isSupportedRegion(key), key == key.uppercased() else {
                    throw regions.error(key, "is not a region of the phone metadata (an uppercase ISO code such as GB)")
                }
                weights[key] = try regions.double(key, in: 0...1_000_000)
            }
            guard weights.values.contains(where: { $0 > 0 }) else { throw reader.error("regions", "needs at least one weight above 0") }
            origin = .regions(weights)
        } else if let code = try reader.optionalInt("calling_code", in: 1...999) {
            origin = .callingCode(code)
        } else {
            let text = try reader.string("first")
            guard let number = try? PhoneNumber.parse(text), number.e164 == text else {
                throw reader.error("first", "\"\(text)\" is not a number in E.164 form such as +447400123456")
            }
            origin = .first(number.e164)
        }
    }
}

extension AccountPool {
    init(reading reader: FieldReader) throws(ScenarioError) {
        try reader.allow(["count", "age"])
        count = try reader.optionalInt("count", in: 1...1_000_000)
        age = try reader.optionalDurationSpan("age") ?? Span(0, 0)
    }
}

extension CarrierProfile {
    static let lineTypes = ["mobile", "landline", "fixedVoip", "nonFixedVoip", "tollFree", "premium", "sharedCost",
                            "personal", "pager", "voicemail", "uan", "unknown"]
    static let lineStatuses = ["active", "reachable", "unreachable", "inactive", "unknown"]

    init(reading reader: FieldReader) throws(ScenarioError) {
        try reader.allow(["line_type", "carrier_name", "mcc", "mnc", "sim_swap_age", "call_forwarding",
                          "sms_pumping_risk_score", "number_blocked", "line_status", "send_error"])
        lineType = try reader.optionalString("line_type")
        if let lineType, !Self.lineTypes.contains(lineType) {
            throw reader.error("line_type", "\"\(lineType)\" is not one of Twilio's types: \(Self.lineTypes.joined(separator: ", "))")
        }
        carrierName = try reader.optionalString("carrier_name")
        mcc = try reader.optionalString("mcc")
        mnc = try reader.optionalString("mnc")
        simSwapAge = try reader.optionalDurationSpan("sim_swap_age")
        callForwarding = try reader.optionalBool("call_forwarding") ?? false
        pumpingRiskScore = try reader.optionalCountSpan("sms_pumping_risk_score", in: 0...100) ?? Span(0, 15)
        numberBlocked = try reader.optionalBool("number_blocked") ?? false
        lineStatus = try reader.optionalString("line_status") ?? "active"
        guard Self.lineStatuses.contains(lineStatus) else {
            throw reader.error("line_status", "\"\(lineStatus)\" is not one of \(Self.lineStatuses.joined(separator: ", "))")
        }
        sendError = try reader.optionalInt("send_error", in: 20000...99999)
    }
}

extension Behavior {
    init(reading reader: FieldReader) throws(ScenarioError) {
        try reader.allow(["confirm", "code_entry", "resend", "wrong_codes", "cancel"])
        confirmProbability = try reader.optionalDouble("confirm", in: 0...1) ?? 0
        codeEntry = try reader.optionalDurationSpan("code_entry") ?? Span(8, 90)
        if let resend = try reader.optionalObject("resend") {
            try resend.allow(["probability", "count", "interval"])
            resendProbability = try resend.optionalDouble("probability", in: 0...1) ?? 1
            resends = try resend.optionalCountSpan("count", in: 0...100) ?? Span(1, 1)
            resendInterval = try resend.optionalDurationSpan("interval") ?? Span(30, 120)
        } else {
            resendProbability = 0
            resends = Span(0, 0)
            resendInterval = Span(30, 120)
        }
        if let wrong = try reader.optionalObject("wrong_codes") {
            try wrong.allow(["probability", "count"])
            wrongCodeProbability = try wrong.optionalDouble("probability", in: 0...1) ?? 1
            wrongCodes = try wrong.optionalCountSpan("count", in: 0...100) ?? Span(1, 1)
        } else {
            wrongCodeProbability = 0
            wrongCodes = Span(0, 0)
        }
        cancelProbability = try reader.optionalDouble("cancel", in: 0...1) ?? 0
    }
}

/// Reads one JSON object of a scenario, naming each field by its path in errors.
struct FieldReader {
    let file: String
    /// This object's path (`populations[0].behavior`).
    let base: String
    let members: [String: JSONValue]

    init(_ value: JSONValue, file: String, path: String) throws(ScenarioError) {
        guard case .object(let members) = value else {
            throw ScenarioError(file: file, field: path, problem: "must be an object, not \(value.kindName)")
        }
        self.file = file
        self.base = path
        self.members = members
    }

    func path(_ key: String) -> String {
        key.isEmpty ? base : base.isEmpty ? key : "\(base).\(key)"
    }

    func error(_ key: String, _ problem: String) -> ScenarioError {
        ScenarioError(file: file, field: path(key), problem: problem)
    }

    /// Refuses members other than `known`.
    func allow(_ known: [String]) throws(ScenarioError) {
        for key in members.keys.sorted() where !known.contains(key) {
            throw error(key, "unknown field; known fields here: \(known.joined(separator: ", "))")
        }
    }

    private func present(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    private func required(_ key: String) throws(ScenarioError) -> JSONValue {
        guard let value = present(key) else { throw error(key, "is required") }
        return value
    }

    func string(_ key: String) throws(ScenarioError) -> String {
        guard case .string(let text) = try required(key) else { throw error(key, "must be a string, not \(members[key]!.kindName)") }
        return text
    }

    func optionalString(_ key: String) throws(ScenarioError) -> String? {
        present(key) == nil ? nil : try string(key)
    }

    func optionalBool(_ key: String) throws(ScenarioError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard case .bool(let flag) = value else { throw error(key, "must be true or false, not \(value.kindName)") }
        return flag
    }

    func double(_ key: String, in range: ClosedRange<Double>) throws(ScenarioError) -> Double {
        guard case .number(let number) = try required(key) else { throw error(key, "must be a number, not \(members[key]!.kindName)") }
        guard range.contains(number) else { throw error(key, "\(number) is outside \(range.lowerBound)–\(range.upperBound)") }
        return number
    }

    func optionalDouble(_ key: String, in range: ClosedRange<Double>) throws(ScenarioError) -> Double? {
        present(key) == nil ? nil : try double(key, in: range)
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let value = try required(key)
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            throw error(key, "must be a whole number, not \(value.kindName == "a number" ? "\(value)" : value.kindName)")
        }
        guard range.contains(Int(number)) else { throw error(key, "\(Int(number)) is outside \(range.lowerBound)–\(range.upperBound)") }
        return Int(number)
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(ScenarioError) -> Int? {
        present(key) == nil ? nil : try int(key, in: range)
    }

    func array(_ key: String) throws(ScenarioError) -> [JSONValue] {
        guard case .array(let items) = try required(key) else { throw error(key, "must be an array, not \(members[key]!.kindName)") }
        return items
    }

    func object(_ key: String) throws(ScenarioError) -> FieldReader {
        try FieldReader(try required(key), file: file, path: path(key))
    }

    func optionalObject(_ key: String) throws(ScenarioError) -> FieldReader? {
        present(key) == nil ? nil : try object(key)
    }

    /// The object at `key`, or an empty one (every field at its default) when absent.
    func objectOrEmpty(_ key: String) throws(ScenarioError) -> FieldReader {
        try FieldReader(present(key) ?? .object([:]), file: file, path: path(key))
    }

    func optionalDuration(_ key: String) throws(ScenarioError) -> Int64? {
        guard let value = present(key) else { return nil }
        return try duration(value, field: key)
    }

    private func duration(_ value: JSONValue, field: String) throws(ScenarioError) -> Int64 {
        guard case .string(let text) = value else {
            throw error(field, "must be a duration string such as \"90s\", \"10m\", \"36h\" or \"7d\", not \(value.kindName)")
        }
        do {
            return try DurationText.seconds(text, setting: path(field))
        } catch {
            throw self.error(field, "\"\(text)\" is not a duration such as 90s, 10m, 36h or 7d")
        }
    }

    /// A duration, or `{"min": DURATION, "max": DURATION}`.
    func optionalDurationSpan(_ key: String) throws(ScenarioError) -> Span? {
        guard let value = present(key) else { return nil }
        if case .object = value {
            let span = try object(key)
            try span.allow(["min", "max"])
            let min = try span.duration(try span.required("min"), field: "min")
            let max = try span.duration(try span.required("max"), field: "max")
            guard max >= min else { throw span.error("max", "must not be less than min") }
            return Span(min, max)
        }
        let seconds = try duration(value, field: key)
        return Span(seconds, seconds)
    }

    /// A whole number, or `{"min": N, "max": N}`, within `range`.
    func optionalCountSpan(_ key: String, in range: ClosedRange<Int>) throws(ScenarioError) -> Span? {
        guard let value = present(key) else { return nil }
        if case .object = value {
            let span = try object(key)
            try span.allow(["min", "max"])
            let min = try span.int("min", in: range)
            let max = try span.int("max", in: range)
            guard max >= min else { throw span.error("max", "must not be less than min") }
            return Span(Int64(min), Int64(max))
        }
        let count = Int64(try int(key, in: range))
        return Span(count, count)
    }
}
