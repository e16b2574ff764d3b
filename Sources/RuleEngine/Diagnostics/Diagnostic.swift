/// One finding of the compiler about a policy or tests file: an error that
/// rejects it, or a warning that does not.
///
/// ```swift
/// for diagnostic in policy.warnings { print(diagnostic.rendered) }
/// // policy.rules:9:14: warning: rule `NEVER` can never fire: its condition is always false
/// //   |
/// // 9 | review NEVER when false
/// //   |                   ^^^^^
/// ```
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The file is rejected.
        case error
        /// The file compiles, but probably does not do what its author meant.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// What is wrong, in one sentence, without the position.
    public var message: String
    /// The file name as given to the compiler.
    public var file: String
    /// 1-based line of the offending token.
    public var line: Int
    /// 1-based column (in characters) of the offending token's first character.
    public var column: Int
    /// How many characters the caret line underlines (at least 1).
    public var length: Int
    /// The source line the diagnostic points into, for rendering.
    public var sourceLine: String

    /// Creates a diagnostic; `length` is clamped to at least one character.
    public init(severity: Severity, message: String, file: String, line: Int, column: Int, length: Int = 1, sourceLine: String = "") {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
        self.sourceLine = sourceLine
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, the first line of `rendered`.
    public var headline: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }

    /// The rustc-like form: the headline, then the source line with carets under the offending token.
    public var rendered: String {
        guard !sourceLine.isEmpty else { return headline }
        let gutter = String(repeating: " ", count: String(line).count)
        let visibleLength = max(1, min(length, sourceLine.count - column + 1))
        let caret = String(repeating: " ", count: column - 1) + String(repeating: "^", count: visibleLength)
        return "\(headline)\n\(gutter) |\n\(line) | \(sourceLine)\n\(gutter) | \(caret)"
    }

    /// The rendered form.
    public var description: String { rendered }
}

extension SourceText {
    /// A diagnostic pointing at `span` of this file.
    func diagnostic(_ severity: Diagnostic.Severity, _ message: String, at span: Span) -> Diagnostic {
        let (line, column) = position(of: span.start)
        let (endLine, _) = position(of: max(span.start, span.end - 1))
        let length = endLine == line ? span.end - span.start : lineText(line).count - column + 1
        return Diagnostic(severity: severity, message: message, file: file, line: line, column: column,
                          length: length, sourceLine: lineText(line))
    }
}

/// A policy (or its tests file) that does not compile: every error found, in
/// position order, plus any warnings.
///
/// ```swift
/// do { _ = try CompiledPolicy(source: text, file: "p.rules") }
/// catch { print(error.rendered) }
/// ```
public struct PolicyCompileError: Error, Sendable, CustomStringConvertible {
    /// Every diagnostic, errors and warnings, sorted by file position.
    public var diagnostics: [Diagnostic]

    /// Creates the error from diagnostics, sorting them by position.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sortedByPosition()
    }

    /// Only the errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// All diagnostics rendered, separated by blank lines.
    public var rendered: String { diagnostics.map(\.rendered).joined(separator: "\n\n") }

    /// The rendered form.
    public var description: String { rendered }
}

extension Array where Element == Diagnostic {
    /// Sorted by file, then line, then column; stable for equal positions.
    func sortedByPosition() -> [Diagnostic] {
        enumerated().sorted { a, b in
            let l = a.element, r = b.element
            if l.file != r.file { return l.file < r.file }
            if l.line != r.line { return l.line < r.line }
            if l.column != r.column { return l.column < r.column }
            return a.offset < b.offset
        }.map(\.element)
    }
}
