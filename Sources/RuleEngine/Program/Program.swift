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
    /// Per rule: its points (score rules) and severity (decision rules: 1 step_up, 2 review, 3 block; 0 for score).
    let rulePoints: UnsafeMutableBufferPointer<Int64>
    let ruleSeverity: UnsafeMutableBufferPointer<Int64>
    // Owned, immutable after init; freed in deinit. Raw buffers keep the hot loop free of
    // reference counting and bounds checks.
    let code: UnsafeMutableBufferPointer<Instruction>
    let setPool: UnsafeMutableBufferPointer<Int64>
    let stringBytes: UnsafeMutableBufferPointer<UInt8>
    let stringOffsets: UnsafeMutableBufferPointer<Int>

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
        ruleSeverity = .allocate(capacity: max(1, policy.rules.count))
        ruleSeverity.initialize(repeating: 0)
        for (index, rule) in policy.rules.enumerated() {
            switch rule.action {
            case .score(let points): rulePoints[index] = points
            case .stepUp: ruleSeverity[index] = 1
            case .review: ruleSeverity[index] = 2
            case .block: ruleSeverity[index] = 3
            }
        }
        code = .allocate(capacity: generator.code.count)
        _ = code.initialize(from: generator.code)
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
    }

    deinit {
        rulePoints.deallocate()
        ruleSeverity.deallocate()
        code.deallocate()
        setPool.deallocate()
        stringBytes.deallocate()
        stringOffsets.deallocate()
    }
}
