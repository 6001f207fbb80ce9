extension Double {
    /// The number as JavaScript's `String(number)` writes it: ECMAScript Number::toString
    /// (ECMA-262 §6.1.6.1.20), the shortest digits that round-trip, as `1`, `0.000001`,
    /// `1e-7`, `1e+21`, `1.2345678901234569e+23`.
    public var javaScriptDescription: String {
        if isNaN { return "NaN" }
        if self == 0 { return "0" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        if self < 0 { return "-" + (-self).javaScriptDescription }

        // Swift's description also gives the shortest round-tripping digits; take them apart
        // into digits d1…dk and the exponent n with value = 0.d1…dk × 10^n.
        let text = description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integerPart + fractionPart)
        var n = integerPart.count + exponent
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            n -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 {
            digits.removeLast()
        }
        let k = digits.count
        let digitString = String(digits)

        if k <= n && n <= 21 {
            return digitString + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            return String(digits[..<n]) + "." + String(digits[n...])
        }
        if -6 < n && n <= 0 {
            return "0." + String(repeating: "0", count: -n) + digitString
        }
        let exponentText = n - 1 >= 0 ? "+\(n - 1)" : "\(n - 1)"
        if k == 1 {
            return digitString + "e" + exponentText
        }
        return String(digits[0]) + "." + String(digits[1...]) + "e" + exponentText
    }
}
