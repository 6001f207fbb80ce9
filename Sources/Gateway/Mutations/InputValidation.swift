import Foundation
import GraphQLLanguage
import GraphQLSchema

/// An input object argument, read field by field with checks that fail with a
/// `BAD_USER_INPUT` error naming the field at fault (`input.doctorProfile.licenseNumber`).
///
/// GraphQL has already checked the types and filled in defaults; what is left are the rules
/// the type system cannot say: lengths, ranges, formats, dates relative to now.
struct InputObject {
    /// The argument path, e.g. `input` or `input.doctorProfile`.
    let path: String
    private let entries: [CoercedValue.Entry]

    /// The input object `arguments[name]`; an empty one when it is absent.
    init(_ arguments: [String: CoercedValue], _ name: String) {
        self.init(path: name, value: arguments[name])
    }

    private init(path: String, value: CoercedValue?) {
        self.path = path
        if case .object(let entries)? = value { self.entries = entries } else { self.entries = [] }
    }

    /// The full name of a field, as errors name it.
    func field(_ name: String) -> String { "\(path).\(name)" }

    private func value(_ name: String) -> CoercedValue? {
        guard let value = entries.first(where: { $0.name == name })?.value, value != .null else { return nil }
        return value
    }

    /// Whether the field was given a value other than null.
    func has(_ name: String) -> Bool { value(name) != nil }

    // MARK: - Typed reads

    func string(_ name: String) -> String? {
        switch value(name) {
        case .string(let text)?, .enumValue(let text)?: text
        default: nil
        }
    }

    func int(_ name: String) -> Int? {
        if case .int(let number)? = value(name) { return number }
        return nil
    }

    func float(_ name: String) -> Double? {
        switch value(name) {
        case .float(let number)?: number
        case .int(let number)?: Double(number)
        default: nil
        }
    }

    func bool(_ name: String) -> Bool? {
        if case .boolean(let flag)? = value(name) { return flag }
        return nil
    }

    /// A nested input object, when given.
    func object(_ name: String) -> InputObject? {
        guard let value = value(name) else { return nil }
        return InputObject(path: field(name), value: value)
    }

    /// The items of a list of input objects, each named by its index (`input.prescriptions.0`).
    func objects(_ name: String) -> [InputObject] {
        guard case .list(let items)? = value(name) else { return [] }
        return items.enumerated().map { InputObject(path: "\(field(name)).\($0.offset)", value: $0.element) }
    }

    func strings(_ name: String) -> [String] {
        guard case .list(let items)? = value(name) else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    // MARK: - Checked reads

    /// A text field, trimmed: not empty, at most `maxLength` characters, no NUL.
    func text(_ name: String, maxLength: Int) throws -> String {
        try Self.checkText(string(name) ?? "", field: field(name), maxLength: maxLength)
    }

    /// An optional text field, trimmed; nil when absent, null or blank.
    func optionalText(_ name: String, maxLength: Int) throws -> String? {
        guard let raw = string(name), !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try Self.checkText(raw, field: field(name), maxLength: maxLength)
    }

    /// A list of texts, each checked like `text`, at most `maxCount` of them.
    func texts(_ name: String, maxCount: Int, maxLength: Int) throws -> [String] {
        let items = strings(name)
        guard items.count <= maxCount else {
            throw GatewayError.badInput(field(name), "holds \(items.count) items; at most \(maxCount) are allowed")
        }
        return try items.enumerated().map { index, item in
            try Self.checkText(item, field: "\(field(name)).\(index)", maxLength: maxLength)
        }
    }

    static func checkText(_ raw: String, field: String, maxLength: Int) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw GatewayError.badInput(field, "must not be empty") }
        guard text.count <= maxLength else {
            throw GatewayError.badInput(field, "must be at most \(maxLength) characters")
        }
        guard !text.unicodeScalars.contains("\0") else {
            throw GatewayError.badInput(field, "must not contain NUL characters")
        }
        return text
    }

    /// An integer within `range`, when given.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let number = int(name) else { return nil }
        guard range.contains(number) else { throw Self.outOfRange(field(name), range) }
        return number
    }

    /// An integer from `minimum` to `maximum`, when given: for amounts, where the lower bound
    /// is the rule people break and the upper one a guard against typing mistakes.
    func int(_ name: String, atLeast minimum: Int, atMost maximum: Int) throws -> Int? {
        guard let number = int(name) else { return nil }
        guard number >= minimum else { throw GatewayError.badInput(field(name), "must be at least \(minimum)") }
        guard number <= maximum else { throw GatewayError.badInput(field(name), "must be at most \(maximum)") }
        return number
    }

    /// A number within `range`, when given.
    func float(_ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let number = float(name) else { return nil }
        guard range.contains(number) else {
            throw GatewayError.badInput(
                field(name), "must be between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))")
        }
        return number
    }

    static func outOfRange(_ field: String, _ range: ClosedRange<Int>) -> GraphQLError {
        GatewayError.badInput(field, "must be between \(range.lowerBound) and \(range.upperBound)")
    }

    /// `0.2`, `45`: a bound as people write it.
    private static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }

    /// A `DateTime` field (RFC 3339), when given.
    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = DateTime.parse(text) else {
            throw GatewayError.badInput(field(name), "is not an RFC 3339 date-time such as 2026-03-01T09:30:00Z")
        }
        return date
    }

    /// A date no later than now (a minute of clock skew allowed), when given.
    func pastDate(_ name: String, now: Date) throws -> Date? {
        guard let date = try date(name) else { return nil }
        guard date <= now.addingTimeInterval(60) else { throw GatewayError.badInput(field(name), "must not be in the future") }
        return date
    }

    /// The UUID an ID field names: a global ID of `typeName` or a bare UUID.
    func id(_ name: String, of typeName: String) throws -> UUID {
        try GlobalID.uuid(string(name) ?? "", of: typeName, argument: field(name))
    }
}

/// Formats of the values users type.
enum InputFormat {
    /// A sign-in email address, lowercased: `local@domain.tld`, no spaces, at most 254 characters.
    static func email(_ raw: String, field: String) throws -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
            parts[1].split(separator: ".", omittingEmptySubsequences: false).count >= 2,
            !parts[1].split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty),
            !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0 == "\u{7F}" })
        else { throw GatewayError.badInput(field, "is not an email address") }
        return email
    }

    /// A phone number in E.164 form (`+` and 8 to 15 digits, the first not 0); spaces, dots,
    /// dashes and parentheses between digits are accepted and removed.
    static func phone(_ raw: String, field: String) throws -> String {
        var digits = ""
        var scalars = raw.trimmingCharacters(in: .whitespaces).unicodeScalars[...]
        guard scalars.first == "+" else { throw invalidPhone(field) }
        scalars = scalars.dropFirst()
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits.unicodeScalars.append(scalar)
            case " ", ".", "-", "(", ")": continue
            default: throw invalidPhone(field)
            }
        }
        guard (8...15).contains(digits.count), digits.first != "0" else { throw invalidPhone(field) }
        return "+" + digits
    }

    private static func invalidPhone(_ field: String) -> GraphQLError {
        GatewayError.badInput(field, "is not a phone number in E.164 form, such as +33612345678")
    }

    /// A post tag: 1 to 40 lowercase ASCII letters, digits or dashes.
    static func isTag(_ text: String) -> Bool {
        (1...40).contains(text.utf8.count)
            && text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
    }
}
