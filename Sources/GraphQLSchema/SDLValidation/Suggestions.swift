/// " Did you mean "A", "B", or "C"?" for up to five suggestions; empty for none.
func didYouMean(_ suggestions: [String]) -> String {
    let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
    switch quoted.count {
    case 0: return ""
    case 1: return " Did you mean \(quoted[0])?"
    case 2: return " Did you mean \(quoted[0]) or \(quoted[1])?"
    default: return " Did you mean \(quoted.dropLast().joined(separator: ", ")), or \(quoted.last!)?"
    }
}

/// The options close enough to `input` to suggest, closest first (ties in natural order):
/// within 40% of the input's length in Damerau–Levenshtein distance, a change of case
/// counting as one edit.
func suggestionList(_ input: String, _ options: [String]) -> [String] {
    let threshold = input.utf16.count * 4 / 10 + 1
    let inputLowercased = Array(input.lowercased().utf16)
    var distances: [String: Int] = [:]
    var order: [String] = []
    for option in options {
        let distance: Int?
        if option == input {
            distance = 0
        } else {
            let optionLowercased = Array(option.lowercased().utf16)
            distance =
                optionLowercased == inputLowercased
                ? 1 : lexicalDistance(optionLowercased, inputLowercased, threshold: threshold)
        }
        if let distance {
            if distances[option] == nil { order.append(option) }
            distances[option] = distance
        }
    }
    return order.sorted { a, b in
        let difference = distances[a]! - distances[b]!
        return difference != 0 ? difference < 0 : naturalCompare(a, b) < 0
    }
}

/// The edit distance between two strings, or `nil` when it exceeds `threshold`.
private func lexicalDistance(_ first: [UInt16], _ second: [UInt16], threshold: Int) -> Int? {
    var a = first
    var b = second
    if a.count < b.count { swap(&a, &b) }
    if a.count - b.count > threshold { return nil }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: 3)
    for j in 0...b.count { rows[0][j] = j }
    if a.isEmpty { return b.count <= threshold ? b.count : nil }
    for i in 1...a.count {
        let up = (i - 1) % 3
        let current = i % 3
        rows[current][0] = i
        var smallest = i
        if b.count > 0 {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)
                }
                smallest = min(smallest, cell)
                rows[current][j] = cell
            }
        }
        if smallest > threshold { return nil }
    }
    let distance = rows[a.count % 3][b.count]
    return distance <= threshold ? distance : nil
}

/// Compares strings with runs of digits compared as numbers ("a2" before "a10").
func naturalCompare(_ first: String, _ second: String) -> Int {
    let a = Array(first.utf16)
    let b = Array(second.utf16)
    var i = 0
    var j = 0
    func isDigit(_ unit: UInt16) -> Bool { unit >= 48 && unit <= 57 }
    while i < a.count && j < b.count {
        if isDigit(a[i]) && isDigit(b[j]) {
            var aNumber = 0
            repeat {
                aNumber = aNumber &* 10 &+ Int(a[i] - 48)
                i += 1
            } while i < a.count && isDigit(a[i]) && aNumber > 0
            var bNumber = 0
            repeat {
                bNumber = bNumber &* 10 &+ Int(b[j] - 48)
                j += 1
            } while j < b.count && isDigit(b[j]) && bNumber > 0
            if aNumber != bNumber { return aNumber < bNumber ? -1 : 1 }
        } else {
            if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
            i += 1
            j += 1
        }
    }
    return a.count - b.count
}
