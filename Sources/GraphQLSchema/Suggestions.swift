/// " Did you mean "A", "B", or "C"?" for up to five suggestions, with an optional phrase
/// after "mean" ("to use an inline fragment on"); empty for none (graphql-js's `didYouMean`).
public func didYouMean(_ suggestions: [String]) -> String { didYouMean(nil, suggestions) }

/// " Did you mean <phrase> "A" or "B"?", as above with a phrase after "mean".
public func didYouMean(_ phrase: String?, _ suggestions: [String]) -> String {
    guard !suggestions.isEmpty else { return "" }
    var message = " Did you mean "
    if let phrase { message += phrase + " " }
    let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
    switch quoted.count {
    case 1: return message + quoted[0] + "?"
    case 2: return message + quoted[0] + " or " + quoted[1] + "?"
    default: return message + quoted.dropLast().joined(separator: ", ") + ", or " + quoted.last! + "?"
    }
}

/// The options close enough to `input` to suggest, closest first, ties in natural order
/// (graphql-js's `suggestionList`): within 40% of the input's length in Damerau–Levenshtein
/// distance over UTF-16 units, a change of case alone counting as one edit.
public func suggestionList(_ input: String, _ options: [String]) -> [String] {
    let inputUnits = Array(input.utf16)
    let threshold = inputUnits.count * 4 / 10 + 1
    let lowercasedInput = Array(input.lowercased().utf16)
    var distances: [String: Int] = [:]
    var found: [String] = []
    var rows = [[Int]](repeating: [], count: 3)
    for option in options {
        let distance: Int?
        if option == input {
            distance = 0
        } else {
            let lowercasedOption = Array(option.lowercased().utf16)
            distance =
                lowercasedOption == lowercasedInput
                ? 1 : lexicalDistance(lowercasedOption, lowercasedInput, threshold: threshold, rows: &rows)
        }
        guard let distance else { continue }
        if distances.updateValue(distance, forKey: option) == nil { found.append(option) }
    }
    return found.sorted { a, b in
        let difference = distances[a]! - distances[b]!
        return difference != 0 ? difference < 0 : naturalCompare(a, b) < 0
    }
}

/// The edit distance between two strings, or `nil` beyond `threshold`.
private func lexicalDistance(_ option: [UInt16], _ input: [UInt16], threshold: Int, rows: inout [[Int]]) -> Int? {
    var a = option
    var b = input
    if a.count < b.count { swap(&a, &b) }
    let aLength = a.count
    let bLength = b.count
    if aLength - bLength > threshold { return nil }
    for row in 0..<3 where rows[row].count < bLength + 1 {
        rows[row] = [Int](repeating: 0, count: bLength + 1)
    }
    for j in 0...bLength { rows[0][j] = j }
    if aLength == 0 { return bLength <= threshold ? bLength : nil }
    for i in 1...aLength {
        let up = (i - 1) % 3
        let current = i % 3
        rows[current][0] = i
        var smallest = i
        if bLength > 0 {
            for j in 1...bLength {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var cell = min(rows[up][j] + 1, rows[current][j - 1] + 1, rows[up][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cell = min(cell, rows[(i - 2) % 3][j - 2] + 1)
                }
                if cell < smallest { smallest = cell }
                rows[current][j] = cell
            }
        }
        if smallest > threshold { return nil }
    }
    let distance = rows[aLength % 3][bLength]
    return distance <= threshold ? distance : nil
}

/// Compares strings with runs of digits compared as numbers ("a2" before "a10"), as
/// graphql-js's `naturalCompare` does over UTF-16 units.
public func naturalCompare(_ first: String, _ second: String) -> Int {
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

/// A stable sort by a three-way comparison, as JavaScript's `Array.prototype.sort` is.
public func stableSorted<T>(_ items: [T], by compare: (T, T) -> Int) -> [T] {
    var sorted: [T] = []
    sorted.reserveCapacity(items.count)
    for item in items {
        // Binary insertion after every element that does not compare greater.
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if compare(item, sorted[middle]) < 0 { high = middle } else { low = middle + 1 }
        }
        sorted.insert(item, at: low)
    }
    return sorted
}
