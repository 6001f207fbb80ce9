import Foundation

/// Parameters go to the server in PostgreSQL's text format, with their type OID: the server
/// parses them with the type's own input function, so no value is ever part of the SQL text.
/// COPY uses the same text forms.
extension PostgresValue {
    /// Why a value cannot be sent.
    enum EncodingFailure: Error, Equatable {
        case nulCharacter
        case unknownType(PostgresDataType)
        case nestedArray
    }

    /// The text form of the value, nil for `NULL`.
    func textFormat() throws(EncodingFailure) -> String? {
        switch self {
        case .null: return nil
        case .bool(let bool): return bool ? "t" : "f"
        case .int16(let int): return String(int)
        case .int32(let int): return String(int)
        case .int64(let int): return String(int)
        case .float64(let double): return Self.floatText(double)
        case .text(let text):
            // libpq takes C strings: a NUL would silently cut the value short.
            if text.utf8.contains(0) { throw .nulCharacter }
            return text
        case .bytea(let bytes): return Self.hexText(bytes)
        case .uuid(let uuid): return uuid.uuidString.lowercased()
        case .timestamptz(let date): return PostgresTimestamp(date).text
        case .numeric(let numeric): return numeric.description
        case .jsonb(let json):
            if json.text.utf8.contains(0) { throw .nulCharacter }
            return json.text
        case .array(let array): return try Self.arrayText(array)
        case .unknown(let type, _): throw .unknownType(type)
        }
    }

    private static func floatText(_ double: Double) -> String {
        if double.isNaN { return "NaN" }
        if double.isInfinite { return double < 0 ? "-Infinity" : "Infinity" }
        return "\(double)"  // Swift prints the shortest text that reads back to the same Double
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hexText(_ bytes: [UInt8]) -> String {
        var text = [UInt8]()
        text.reserveCapacity(2 + bytes.count * 2)
        text.append(UInt8(ascii: "\\"))
        text.append(UInt8(ascii: "x"))
        for byte in bytes {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `{"a","b\"c",NULL}`: every element quoted, so no element text needs special cases.
    private static func arrayText(_ array: PostgresArray) throws(EncodingFailure) -> String {
        var text = "{"
        for (index, element) in array.elements.enumerated() {
            if index > 0 { text += "," }
            if case .array = element { throw .nestedArray }
            guard let elementText = try element.textFormat() else {
                text += "NULL"
                continue
            }
            text += "\""
            for scalar in elementText.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { text += "\\" }
                text.unicodeScalars.append(scalar)
            }
            text += "\""
        }
        return text + "}"
    }

    /// The value as one field of COPY's text format: tabs, newlines and backslashes escaped,
    /// `\N` for `NULL`.
    func copyField() throws(EncodingFailure) -> String {
        guard let text = try textFormat() else { return "\\N" }
        var field = ""
        field.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": field += "\\\\"
            case "\t": field += "\\t"
            case "\n": field += "\\n"
            case "\r": field += "\\r"
            default: field.unicodeScalars.append(scalar)
            }
        }
        return field
    }
}

/// A `timestamptz` as PostgreSQL counts it: microseconds since 2000-01-01 00:00:00 UTC.
struct PostgresTimestamp {
    var microseconds: Int64

    /// Seconds from 2000-01-01 to 2001-01-01, Foundation's reference date (2000 is a leap year).
    static let referenceOffset: Int64 = 366 * 86_400

    init(microseconds: Int64) { self.microseconds = microseconds }

    init(_ date: Date) {
        if date == .distantFuture { microseconds = .max; return }
        if date == .distantPast { microseconds = .min; return }
        let fromReference = (date.timeIntervalSinceReferenceDate * 1_000_000).rounded()
        microseconds = Int64(fromReference) + Self.referenceOffset * 1_000_000
    }

    /// PostgreSQL's `infinity` and `-infinity` become `distantFuture` and `distantPast`.
    var date: Date {
        if microseconds == .max { return .distantFuture }
        if microseconds == .min { return .distantPast }
        let fromReference = microseconds - Self.referenceOffset * 1_000_000
        return Date(timeIntervalSinceReferenceDate: Double(fromReference) / 1_000_000)
    }

    /// `2024-03-01 09:30:00.000250+00`, in UTC; `infinity` and `-infinity` for the extremes.
    var text: String {
        if microseconds == .max { return "infinity" }
        if microseconds == .min { return "-infinity" }
        let perDay: Int64 = 86_400_000_000
        var days = microseconds / perDay
        var ofDay = microseconds % perDay
        if ofDay < 0 {
            ofDay += perDay
            days -= 1
        }
        let (year, month, day) = Self.civilDate(daysSince1970: days + 10_957)
        let seconds = ofDay / 1_000_000
        let micros = ofDay % 1_000_000
        let era = year <= 0 ? " BC" : ""
        let shownYear = year <= 0 ? 1 - year : year
        return "\(pad(shownYear, 4))-\(pad(month, 2))-\(pad(day, 2)) "
            + "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
            + ".\(pad(micros, 6))+00\(era)"
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Proleptic Gregorian date of a day count (Howard Hinnant's `civil_from_days`).
    static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSince1970 + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
