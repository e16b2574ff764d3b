/// Evaluates a policy over NDJSON signals, one JSON object per line, into NDJSON
/// results, exactly as `phonerisk eval` prints them (CLI.md): one result line per
/// input line, in order; a line that fails gives `{"error": MESSAGE, "line": N}`;
/// blank lines (only spaces or tabs) are skipped but counted; a line's trailing
/// `\r`s are dropped. Feed it the input in chunks of any size; it keeps no copy
/// of the input and renders results into the caller's byte buffer. Like a frame,
/// it belongs to one thread at a time (a copy shares its frame).
///
/// ```swift
/// var evaluator = SignalLineEvaluator(policy: policy)
/// var output: [UInt8] = []
/// let used = text.withUnsafeBufferPointer { evaluator.evaluate($0, final: true, into: &output) }
/// // output holds one JSON line per input line; evaluator.failedLines counts the errors
/// ```
public struct SignalLineEvaluator {
    private let policy: CompiledPolicy
    private let tables: PolicyJSONTables
    private let frame: EvaluationFrame
    private let explain: Bool
    private var decoder: SignalDecoder
    /// The number of the last line read (physical lines, from 1).
    public private(set) var lineNumber = 0
    /// How many lines gave an error instead of a result.
    public private(set) var failedLines = 0

    /// An evaluator with a frame of its own.
    /// - Parameters:
    ///   - policy: the compiled policy.
    ///   - strict: reject keys the policy does not declare.
    ///   - explain: add each rule's value and the inputs it read to every result.
    public init(policy: CompiledPolicy, strict: Bool = false, explain: Bool = false) {
        self.policy = policy
        tables = policy.program.jsonTables
        frame = policy.makeFrame()
        self.explain = explain
        decoder = SignalDecoder(into: frame, tables: tables, strict: strict)
    }

    /// Evaluates every complete line of `input` and appends one output line for each non-blank one.
    /// - Parameters:
    ///   - input: the next bytes of the NDJSON text.
    ///   - final: there is no more input: the text after the last newline is a line too.
    ///   - output: where result and error lines are appended, each ending in `\n`.
    /// - Returns: how many bytes of `input` were used; pass the rest again, followed by more input.
    public mutating func evaluate(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8]) -> Int {
        guard let base = input.baseAddress else { return 0 }
        var start = 0
        while start < input.count {
            guard let newline = Self.firstNewline(base + start, input.count - start) else {
                if final {
                    evaluateLine(UnsafeBufferPointer(start: base + start, count: input.count - start), into: &output)
                    return input.count
                }
                return start
            }
            evaluateLine(UnsafeBufferPointer(start: base + start, count: newline), into: &output)
            start += newline + 1
        }
        return start
    }

    private mutating func evaluateLine(_ raw: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        lineNumber += 1
        var length = raw.count
        while length > 0, raw[length - 1] == UInt8(ascii: "\r") { length -= 1 }
        let line = UnsafeBufferPointer(rebasing: raw[..<length])
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        do {
            try frame.load(bytes: line, with: &decoder)
            let outcome = policy.evaluate(frame)
            if explain {
                let result = policy.result(outcome, in: frame)
                output.append(contentsOf: result.jsonLine(explanation: policy.explain(frame)).utf8)
            } else {
                tables.appendResultLine(outcome, in: frame, to: &output)
            }
        } catch {
            failedLines += 1
            output.append(contentsOf: error.jsonLine(line: lineNumber).utf8)
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// The offset of the first `\n` in `count` bytes, reading eight bytes at a time.
    private static func firstNewline(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        let raw = UnsafeRawPointer(bytes)
        var index = 0
        while index + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let diff = word ^ 0x0A0A_0A0A_0A0A_0A0A
            let found = (diff &- 0x0101_0101_0101_0101) & ~diff & 0x8080_8080_8080_8080
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count {
            if bytes[index] == UInt8(ascii: "\n") { return index }
            index += 1
        }
        return nil
    }
}
