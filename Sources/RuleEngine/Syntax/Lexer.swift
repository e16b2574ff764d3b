/// Turns a policy or tests file into tokens, reporting malformed ones and going on.
struct Lexer {
    private let source: SourceText
    private var scalars: [Unicode.Scalar] { source.scalars }
    private var offset = 0
    private(set) var diagnostics: SyntaxDiagnostics

    init(source: SourceText) {
        self.source = source
        self.diagnostics = SyntaxDiagnostics(source: source)
    }

    /// All tokens of the file, ending with `.end`.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = offset + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    private static func isLower(_ c: Unicode.Scalar?) -> Bool { c.map { ("a"..."z").contains($0) || $0 == "_" } ?? false }
    private static func isUpper(_ c: Unicode.Scalar?) -> Bool { c.map { ("A"..."Z").contains($0) } ?? false }
    private static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
    private static func isWordPart(_ c: Unicode.Scalar?) -> Bool { isLower(c) || isUpper(c) || isDigit(c) }

    private mutating func next() -> Token {
        skipTrivia()
        let start = offset
        guard let c = peek() else { return Token(kind: .end, span: Span(start: start, end: start)) }
        if Self.isLower(c) { return lexName(start) }
        if Self.isUpper(c) { return lexCode(start) }
        if Self.isDigit(c) { return lexNumber(start) }
        if c == "\"" { return lexString(start) }
        return lexSymbol(start, c)
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == "#" {
                while let d = peek(), d != "\n" { _ = d; offset += 1 }
            } else if c == " " || c == "\t" || c == "\n" || c == "\r" {
                offset += 1
            } else {
                return
            }
        }
    }

    private mutating func word() -> String {
        var view = String.UnicodeScalarView()
        while Self.isWordPart(peek()) { view.append(peek()!); offset += 1 }
        return String(view)
    }

    private mutating func lexName(_ start: Int) -> Token {
        var text = word()
        var dotted = false
        while peek() == ".", Self.isLower(peek(1)) {
            offset += 1
            text += "." + word()
            dotted = true
        }
        let span = Span(start: start, end: offset)
        if text.unicodeScalars.contains(where: { Self.isUpper($0) }) {
            diagnostics.invalidName(text, span)
            return Token(kind: .invalid, span: span)
        }
        if !dotted, let keyword = Keyword(rawValue: text) { return Token(kind: .keyword(keyword), span: span) }
        return Token(kind: .name(text), span: span)
    }

    private mutating func lexCode(_ start: Int) -> Token {
        let text = word()
        let span = Span(start: start, end: offset)
        if text.unicodeScalars.contains(where: { Self.isLower($0) && $0 != "_" }) {
            diagnostics.invalidName(text, span)
            return Token(kind: .invalid, span: span)
        }
        return Token(kind: .code(text), span: span)
    }

    private mutating func lexNumber(_ start: Int) -> Token {
        var digits = ""
        while Self.isDigit(peek()) { digits.unicodeScalars.append(peek()!); offset += 1 }
        if peek() == ".", Self.isDigit(peek(1)) {
            offset += 1
            var fraction = ""
            while Self.isDigit(peek()) { fraction.unicodeScalars.append(peek()!); offset += 1 }
            let span = Span(start: start, end: offset)
            if Self.isWordPart(peek()) || peek() == "." { return malformed(start) }
            return Token(kind: .float(Double(digits + "." + fraction) ?? 0), span: span)
        }
        if let unit = peek(), "smhd".unicodeScalars.contains(unit), !Self.isWordPart(peek(1)) {
            offset += 1
            let span = Span(start: start, end: offset)
            let multiplier: Int64 = switch unit { case "s": 1; case "m": 60; case "h": 3600; default: 86_400 }
            guard let value = Int64(digits) else {
                diagnostics.durationTooLarge(source.text(span), span)
                return Token(kind: .invalid, span: span)
            }
            let (seconds, overflow) = value.multipliedReportingOverflow(by: multiplier)
            if overflow {
                diagnostics.durationTooLarge(source.text(span), span)
                return Token(kind: .invalid, span: span)
            }
            return Token(kind: .duration(seconds), span: span)
        }
        if Self.isWordPart(peek()) || (peek() == "." && !Self.isLower(peek(1))) { return malformed(start) }
        let span = Span(start: start, end: offset)
        guard let value = Int64(digits) else {
            diagnostics.numberTooLarge(digits, span)
            return Token(kind: .invalid, span: span)
        }
        return Token(kind: .int(value), span: span)
    }

    private mutating func malformed(_ start: Int) -> Token {
        while Self.isWordPart(peek()) || peek() == "." { offset += 1 }
        let span = Span(start: start, end: offset)
        diagnostics.malformedNumber(source.text(span), span)
        return Token(kind: .invalid, span: span)
    }

    private mutating func lexString(_ start: Int) -> Token {
        offset += 1
        var value = String.UnicodeScalarView()
        var valid = true
        while true {
            guard let c = peek(), c != "\n", c != "\r" else {
                diagnostics.unterminatedString(Span(start: start, end: start + 1))
                return Token(kind: .invalid, span: Span(start: start, end: offset))
            }
            offset += 1
            if c == "\"" { break }
            guard c == "\\" else { value.append(c); continue }
            let escapeStart = offset - 1
            switch peek() {
            case "\"": value.append("\""); offset += 1
            case "\\": value.append("\\"); offset += 1
            case "n": value.append("\n"); offset += 1
            case "t": value.append("\t"); offset += 1
            case "u" where peek(1) == "{":
                var hex = ""
                var index = offset + 2
                while index < scalars.count, scalars[index].properties.isASCIIHexDigit, hex.count < 8 {
                    hex.unicodeScalars.append(scalars[index]); index += 1
                }
                if index < scalars.count, scalars[index] == "}", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                    value.append(scalar)
                    offset = index + 1
                } else {
                    diagnostics.invalidEscape("u{\(hex)", Span(start: escapeStart, end: index))
                    valid = false
                    offset = index
                }
            default:
                let shown = peek().map { String($0) } ?? ""
                diagnostics.invalidEscape(shown, Span(start: escapeStart, end: offset + 1))
                valid = false
                if peek() != nil, peek() != "\n" { offset += 1 }
            }
        }
        let span = Span(start: start, end: offset)
        return Token(kind: valid ? .string(String(value)) : .invalid, span: span)
    }

    private mutating func lexSymbol(_ start: Int, _ c: Unicode.Scalar) -> Token {
        let two: String = peek(1).map { String(c) + String($0) } ?? ""
        for symbol in [Symbol.equal, .notEqual, .lessEqual, .greaterEqual, .coalesce] where symbol.rawValue == two {
            offset += 2
            return Token(kind: .symbol(symbol), span: Span(start: start, end: offset))
        }
        offset += 1
        let span = Span(start: start, end: offset)
        if let symbol = Symbol(rawValue: String(c)) { return Token(kind: .symbol(symbol), span: span) }
        diagnostics.unexpectedCharacter(c, span)
        return Token(kind: .invalid, span: span)
    }
}
