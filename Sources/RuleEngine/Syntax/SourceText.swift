/// A policy or tests file held as Unicode scalars, so that columns count
/// characters the way an editor shows them, with the offsets of its lines.
struct SourceText: Sendable {
    /// The file name diagnostics show (as given by the caller).
    let file: String
    let scalars: [Unicode.Scalar]
    /// Offset of the first scalar of each line.
    let lineStarts: [Int]

    init(_ text: String, file: String) {
        self.file = file
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        var starts = [0]
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            if scalar == "\n" { starts.append(scalars.count) }
        }
        self.scalars = scalars
        self.lineStarts = starts
    }

    /// The 1-based line and column of a scalar offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The text of a 1-based line, without its line break.
    func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : scalars.count
        while end > start, scalars[end - 1] == "\n" || scalars[end - 1] == "\r" { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    func text(_ span: Span) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[span.start..<min(span.end, scalars.count)])
        return String(view)
    }
}

/// A half-open range of scalar offsets in a `SourceText`.
struct Span: Sendable, Hashable {
    var start: Int
    var end: Int

    func through(_ other: Span) -> Span { Span(start: min(start, other.start), end: max(end, other.end)) }
}
