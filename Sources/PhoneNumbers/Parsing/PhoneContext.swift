/// RFC 3966's `phone-context` value: a global number (`+1-650`) or a domain name.
enum PhoneContext {
    static func isValid(_ context: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = context.first else { return false }
        if first == "+" { return isGlobalNumber(context.dropFirst()) }
        return isDomainName(context)
    }

    /// `+` then digits and visual separators `-.()`, at least one digit.
    private static func isGlobalNumber(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        var sawDigit = false
        for scalar in rest {
            if scalar.decimalDigitValue != nil {
                sawDigit = true
            } else if !["-", ".", "(", ")"].contains(scalar) {
                return false
            }
        }
        return sawDigit
    }

    /// Dot-separated labels of ASCII letters, digits and inner hyphens; the
    /// last label starts with a letter; one trailing dot allowed.
    private static func isDomainName(_ context: ArraySlice<Unicode.Scalar>) -> Bool {
        var labels = context.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count > 1, labels.last?.isEmpty == true { labels.removeLast() }
        guard let top = labels.last, let topFirst = top.first, topFirst.isASCII, topFirst.properties.isAlphabetic else {
            return false
        }
        return labels.allSatisfy { label in
            guard let head = label.first, let tail = label.last, head != "-", tail != "-" else { return false }
            return label.allSatisfy { $0 == "-" || ($0.isASCII && ($0.properties.isAlphabetic || $0.decimalDigitValue != nil)) }
        }
    }
}
