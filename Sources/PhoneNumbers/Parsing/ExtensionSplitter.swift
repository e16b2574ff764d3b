/// Finds a trailing extension the way libphonenumber's `_EXTN_PATTERN` does
/// (`;ext=12`, `ext. 12`, `x12`, `#12`, `,,12`, `- 503#`, …) and cuts it off;
/// extensions play no part in a number's identity, so they are dropped.
enum ExtensionSplitter {
    /// The text before the extension, or the whole text when there is none.
    static func numberPart(of text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        guard let start = extensionStart(in: text), looksLikeNumber(text[text.startIndex..<start]) else {
            return text
        }
        return text[text.startIndex..<start]
    }

    /// Labels that always mean an extension: `e?xt(ensi(o\u{301}?|ó))?n?`,
    /// their full-width forms, `доб` and `anexo`.
    private static let explicitLabels: [[Unicode.Scalar]] = {
        var labels: [String] = []
        for head in ["ext", "xt"] {
            for middle in ["", "ensio", "ensio\u{301}", "ensió"] {
                for tail in ["", "n"] { labels.append(head + middle + tail) }
            }
        }
        labels += ["ｅｘｔ", "ｘｔ", "ｅｘｔｎ", "ｘｔｎ", "доб", "anexo"]
        return labels.map { Array($0.unicodeScalars) }
    }()

    /// One-character and other ambiguous labels, which allow fewer digits.
    private static let ambiguousLabels: [[Unicode.Scalar]] =
        ["x", "ｘ", "#", "＃", "~", "～", "int", "ｉｎｔ"].map { Array($0.unicodeScalars) }

    private static func extensionStart(in text: ArraySlice<Unicode.Scalar>) -> Int? {
        guard let last = text.last else { return nil }
        let endsWithHash = last == "#"
        let digitsEnd = endsWithHash ? text.endIndex - 1 : text.endIndex
        var digitsStart = digitsEnd
        while digitsStart > text.startIndex, text[digitsStart - 1].decimalDigitValue != nil { digitsStart -= 1 }
        let digitCount = digitsEnd - digitsStart
        guard digitCount > 0 else { return nil }
        var starts: [Int] = []
        if !endsWithHash, digitCount <= 20, let label = labelStart(";ext=", endingAt: digitsStart, in: text) {
            starts.append(label)
        }
        for labelEnd in labelEnds(before: digitsStart, in: text) {
            if digitCount <= 20, let label = explicitLabels.lazy.compactMap({ labelStart($0, endingAt: labelEnd, in: text) }).first {
                starts.append(skipBack(from: label, in: text, over: [" ", "\u{A0}", "\t", ","]))
            }
            if digitCount <= 9, let label = ambiguousLabels.lazy.compactMap({ labelStart($0, endingAt: labelEnd, in: text) }).first {
                starts.append(skipBack(from: label, in: text, over: [" ", "\u{A0}", "\t", ","]))
            }
            if digitCount <= 15, let label = labelStart(",,", endingAt: labelEnd, in: text) ?? labelStart(";", endingAt: labelEnd, in: text) {
                starts.append(skipBack(from: label, in: text, over: [" ", "\u{A0}", "\t"]))
            }
            if digitCount <= 9, labelEnd > text.startIndex, text[labelEnd - 1] == "," {
                let commas = skipBack(from: labelEnd, in: text, over: [","])
                starts.append(skipBack(from: commas, in: text, over: [" ", "\u{A0}", "\t"]))
            }
        }
        if endsWithHash, digitCount <= 6 {
            let separators = skipBack(from: digitsStart, in: text, over: ["-", " "])
            if separators < digitsStart { starts.append(separators) }
        }
        return starts.min()
    }

    /// Where a label may end: before `[:.．]?[ \u{A0}\t,-]*` and the digits.
    private static func labelEnds(before digitsStart: Int, in text: ArraySlice<Unicode.Scalar>) -> [Int] {
        var ends: [Int] = []
        var position = digitsStart
        while true {
            ends.append(position)
            if position > text.startIndex, [":", ".", "．"].contains(text[position - 1]) { ends.append(position - 1) }
            guard position > text.startIndex, [" ", "\u{A0}", "\t", ",", "-"].contains(text[position - 1]) else { break }
            position -= 1
        }
        return ends
    }

    private static func labelStart(_ label: String, endingAt end: Int, in text: ArraySlice<Unicode.Scalar>) -> Int? {
        labelStart(Array(label.unicodeScalars), endingAt: end, in: text)
    }

    private static func labelStart(_ label: [Unicode.Scalar], endingAt end: Int, in text: ArraySlice<Unicode.Scalar>) -> Int? {
        let start = end - label.count
        guard start >= text.startIndex else { return nil }
        for (offset, scalar) in label.enumerated() where text[start + offset].labelFolded != scalar {
            return nil
        }
        return start
    }

    private static func skipBack(from position: Int, in text: ArraySlice<Unicode.Scalar>, over set: [Unicode.Scalar]) -> Int {
        var position = position
        while position > text.startIndex, set.contains(text[position - 1]) { position -= 1 }
        return position
    }

    /// libphonenumber's viability test for the text before an extension:
    /// optional plus signs, then at least three digits among punctuation and
    /// letters, or exactly two digits.
    private static func looksLikeNumber(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        var rest = text
        while let first = rest.first, first.isPlusSign { rest = rest.dropFirst() }
        var digits = 0
        for scalar in rest {
            if scalar.decimalDigitValue != nil {
                digits += 1
            } else if !(scalar.isPhonePunctuation || scalar == "x" || (scalar.isASCII && scalar.properties.isAlphabetic)) {
                return false
            }
        }
        return digits >= 3 || (digits == 2 && rest.count == 2 && rest.startIndex == text.startIndex)
    }
}
