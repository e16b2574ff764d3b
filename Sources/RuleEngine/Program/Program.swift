/// The immutable result of compilation: the instruction array, the frame
/// layout and the tables needed to fill frames and render results. Shared by
/// every thread; each thread evaluates into a frame of its own.
final class Program: @unchecked Sendable {
    let name: String
    let version: Int
    let inputs: [PolicyInput]
    let rules: [PolicyRule]
    let inputIndex: [String: Int]
    /// The input names by key segment, for decoding nested and dotted JSON keys.
    let keys: KeyTree
    let requiredInputs: [Int]
    /// The strings the policy mentions, interned.
    let strings: StringTable
    let slotCount: Int
    let riskSlot: Int
    let constants: [(slot: UInt32, value: Int64, present: Bool)]
    let firedWords: Int
    /// Whether the fired and known bits fit one word and the risk sum fits 64 bits
    /// (the sum of the points' magnitudes does): evaluation then keeps its whole
    /// rule state in registers (`CompactAccounting`).
    let compact: Bool
    /// Per rule: its points (score rules; 0 for decisions) and decision key (0 for score rules).
    let rulePoints: UnsafeMutableBufferPointer<Int64>
    let ruleKeys: UnsafeMutableBufferPointer<Int64>
    // Owned, immutable after init; freed in deinit. Raw buffers keep the hot loop free of
    // reference counting and bounds checks.
    let code: UnsafeMutableBufferPointer<Instruction>
    let ranges: UnsafeMutableBufferPointer<RangeRule>
    let members: UnsafeMutableBufferPointer<MemberRule>
    let pairs: UnsafeMutableBufferPointer<RangePairRule>
    let sames: UnsafeMutableBufferPointer<SameRule>
    let eithers: UnsafeMutableBufferPointer<EitherRule>
    let eitherTests: UnsafeMutableBufferPointer<EitherTests>
    let phases: UnsafeMutableBufferPointer<TablePhase>
    let setPool: UnsafeMutableBufferPointer<Int64>
    let stringBytes: UnsafeMutableBufferPointer<UInt8>
    let stringOffsets: UnsafeMutableBufferPointer<Int>
    /// The byte-level tables of JSON input decoding and result rendering.
    let jsonTables: PolicyJSONTables

    init(policy: CheckedPolicy, generator: CodeGenerator) {
        name = policy.name
        version = policy.version
        inputs = policy.inputs.map { input in
            let type: InputType = switch input.type {
            case .int: .int
            case .float: .float
            case .bool: .bool
            case .duration: .duration
            case .enumeration(let cases): .enumeration(cases)
            default: .string
            }
            return PolicyInput(name: input.name, type: type, optional: input.optional)
        }
        rules = policy.rules.map { rule in
            let kind: RuleKind = switch rule.action {
            case .score(let points): .score(points)
            case .block: .decision(.block)
            case .review: .decision(.review)
            case .stepUp: .decision(.stepUp)
            }
            let read = ReadSet.inputs(of: rule.condition, in: policy).map { policy.inputs[$0].name }
            return PolicyRule(code: rule.code, kind: kind, inputs: read)
        }
        var index: [String: Int] = [:]
        for (position, input) in policy.inputs.enumerated() { index[input.name] = position }
        inputIndex = index
        keys = KeyTree(names: policy.inputs.map(\.name))
        requiredInputs = policy.inputs.indices.filter { !policy.inputs[$0].optional }
        let layout = generator.layout
        strings = layout.strings
        slotCount = layout.slotCount
        riskSlot = Int(layout.riskSlot)
        constants = layout.constants
        firedWords = max(1, (policy.rules.count + 63) / 64)
        rulePoints = .allocate(capacity: max(1, policy.rules.count))
        rulePoints.initialize(repeating: 0)
        ruleKeys = .allocate(capacity: max(1, policy.rules.count))
        ruleKeys.initialize(repeating: 0)
        var magnitudes: UInt64 = 0, bounded = true
        for (index, rule) in policy.rules.enumerated() {
            if case .score(let points) = rule.action {
                rulePoints[index] = points
                let (total, overflow) = magnitudes.addingReportingOverflow(points.magnitude)
                magnitudes = total
                bounded = bounded && !overflow
            } else {
                ruleKeys[index] = Self.decisionKey(rule.action, rule: index, of: policy.rules.count)
            }
        }
        compact = policy.rules.count <= 64 && bounded && magnitudes <= UInt64(Int64.max)
        code = .allocate(capacity: generator.code.count)
        _ = code.initialize(from: generator.code)
        ranges = Self.copy(generator.ranges)
        members = Self.copy(generator.members)
        pairs = Self.copy(generator.pairs)
        sames = Self.copy(generator.sames)
        eithers = Self.copy(generator.eithers)
        eitherTests = Self.copy(generator.eitherTests)
        phases = Self.copy(generator.phases)
        setPool = .allocate(capacity: max(1, generator.setPool.count))
        _ = setPool.initialize(from: generator.setPool)
        let bytes = strings.strings.flatMap { Array($0.utf8) }
        stringBytes = .allocate(capacity: max(1, bytes.count))
        _ = stringBytes.initialize(from: bytes)
        stringOffsets = .allocate(capacity: strings.count + 1)
        var offset = 0
        stringOffsets[0] = 0
        for (position, string) in strings.strings.enumerated() {
            offset += string.utf8.count
            stringOffsets[position + 1] = offset
        }
        jsonTables = PolicyJSONTables(
            name: name, version: version, inputs: inputs, keys: keys, stringTable: strings, rules: rules)
    }

    deinit {
        rulePoints.deallocate()
        ruleKeys.deallocate()
        code.deallocate()
        ranges.deallocate()
        members.deallocate()
        pairs.deallocate()
        sames.deallocate()
        eithers.deallocate()
        eitherTests.deallocate()
        phases.deallocate()
        setPool.deallocate()
        stringBytes.deallocate()
        stringOffsets.deallocate()
    }
}

extension Program {
    /// An immutable copy of `array` for the hot loop: exactly `array.count` elements, and a
    /// base address even when empty.
    private static func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let base = UnsafeMutablePointer<Element>.allocate(capacity: max(1, array.count))
        _ = UnsafeMutableBufferPointer(start: base, count: array.count).initialize(from: array)
        return UnsafeMutableBufferPointer(start: base, count: array.count)
    }

    /// A decision rule's key: severity (1 step_up, 2 review, 3 block) above its
    /// reversed file position, so that the largest key of the rules that fired is
    /// the most severe decision and, among equals, the first in the file, whatever
    /// order the rules ran in. 0 for score rules.
    static func decisionKey(_ action: RuleAction, rule index: Int, of count: Int) -> Int64 {
        let severity: Int64 = switch action {
        case .score: 0
        case .stepUp: 1
        case .review: 2
        case .block: 3
        }
        return severity == 0 ? 0 : severity << 32 | Int64(count - 1 - index)
    }

    /// The verdict of a decision key.
    static func verdict(ofKey key: Int64) -> Verdict {
        switch key >> 32 {
        case 3: .block
        case 2: .review
        case 1: .stepUp
        default: .pass
        }
    }
}
