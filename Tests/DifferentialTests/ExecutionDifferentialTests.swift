// Needs the DifferentialTests target to depend on GraphQLValidation and GraphQLExecution; until
// Package.swift says so, the suite below fails and says that instead of silently vanishing.
#if canImport(GraphQLExecution) && canImport(GraphQLValidation)
import Foundation
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Testing

/// Our engine against graphql-js 16 (Debian node-graphql) on generated execution cases: for
/// every schema, query, variables and root value, the same `data` (an ordered JSON value), the
/// same errors at the same paths and locations, in order, and `data` present exactly when
/// graphql-js gives it. Error messages are compared too but only reported.
///
/// `Tests/Differential/exec-generate.mjs` makes the cases, `exec-oracle.mjs` answers them with
/// graphql-js, and the engine answers them in process, as `chorus exec` does: parse, validate,
/// then execute with the default resolvers over the root JSON.
///
/// Environment: `CHORUS_EXEC_DIFFERENTIAL_SEEDS` (default `1,2,3`) and
/// `CHORUS_EXEC_DIFFERENTIAL_COUNT` (cases per seed, default 350) widen a run; every mismatch
/// is written in full to a file named in the failure (the first 20 are also reported, cut).
@Suite("Differential: execution against graphql-js 16")
struct ExecutionDifferentialTests {
    static let seeds: [Int] = ProcessInfo.processInfo.environment["CHORUS_EXEC_DIFFERENTIAL_SEEDS"]?
        .split(separator: ",").compactMap { Int($0) } ?? [1, 2, 3]
    static let count = ProcessInfo.processInfo.environment["CHORUS_EXEC_DIFFERENTIAL_COUNT"].flatMap { Int($0) } ?? 350

    @Test("generated requests execute as in graphql-js")
    func generatedRequests() async throws {
        typealias Differential = ExecutionDifferential
        let clock = ContinuousClock()
        let started = clock.now
        let cases = try Differential.generate(seeds: Self.seeds, count: Self.count)
        let generated = clock.now
        let answers = try Differential.answers(for: cases)
        let answered = clock.now
        #expect(cases.count == Self.seeds.count * Self.count)

        var tally = Differential.Tally()
        var reports: [String] = []
        var shortReports: [String] = []
        var mismatchesByKind: [String: Int] = [:]
        var messageSamples: [String] = []
        for (request, expected) in zip(cases, answers) {
            if expected.skipped != nil {
                tally.skipped += 1
                continue
            }
            let actual = await Differential.answer(request)
            let verdict = Differential.Verdict(expected: expected, actual: actual)
            tally.count(verdict)
            if verdict.isMismatch {
                reports.append(Differential.report(request, expected: expected, actual: actual, verdict: verdict))
                if shortReports.count < 20 {
                    shortReports.append(
                        Differential.report(request, expected: expected, actual: actual, verdict: verdict, limit: 3000))
                }
                mismatchesByKind[request.kind, default: 0] += 1
            } else if verdict.messages, messageSamples.count < 10 {
                messageSamples.append(Differential.messageReport(request, expected: expected, actual: actual))
            }
        }

        let summary = "\(cases.count) cases (seeds \(Self.seeds), \(Self.count) each): \(tally)"
        print("[exec-differential] \(summary)")
        print("[exec-differential] mismatches by kind of case: \(mismatchesByKind.sorted { $0.key < $1.key })")
        print("[exec-differential] generator \(generated - started), graphql-js \(answered - generated), chorus \(clock.now - answered)")
        for sample in messageSamples {
            print("[exec-differential] message differs (not a failure):\n\(sample)")
        }
        guard !reports.isEmpty else { return }
        for report in shortReports {
            Issue.record(Comment(rawValue: report))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-exec-differential.txt")
        try? reports.joined(separator: "\n\n").write(to: file, atomically: true, encoding: .utf8)
        Issue.record(Comment(rawValue: "\(tally.mismatches) of \(cases.count) cases differ from graphql-js: \(summary). All mismatches: \(file.path)"))
    }
}

/// The pieces of the execution differential test, namespaced apart from the parse/print one.
enum ExecutionDifferential {
    /// One request, as `exec-generate.mjs` writes it.
    struct Case {
        var id: String
        var schema: String
        var query: String
        /// The variables' JSON text, or nil for `null`.
        var variables: String?
        var operationName: String?
        /// The root value's JSON text.
        var root: String
        var raw: OrderedJSON

        /// How the case was made: its id without the seed and index (`dirty-root`).
        var kind: String { id.split(separator: "-").dropFirst(2).joined(separator: "-") }
    }

    /// A response in the shape `exec-oracle.mjs` writes: `data` absent, null or a value.
    struct Answer {
        var data: OrderedJSON?
        var errors: [Error]
        var skipped: String?

        struct Error: Equatable {
            var message: String
            var locations: [GraphQLLanguage.SourceLocation]
            var path: [OrderedJSON]?
        }

        var json: OrderedJSON {
            var entries: [(String, OrderedJSON)] = []
            if let data { entries.append(("data", data)) }
            if !errors.isEmpty {
                entries.append(("errors", .array(errors.map { error in
                    var fields: [(String, OrderedJSON)] = [
                        ("message", .string(error.message)),
                        ("locations", .array(error.locations.map {
                            .object([("line", .number(String($0.line))), ("column", .number(String($0.column)))])
                        })),
                    ]
                    if let path = error.path { fields.append(("path", .array(path))) }
                    return .object(fields)
                })))
            }
            return .object(entries)
        }
    }

    // MARK: - The Node side

    struct Failure: Swift.Error, CustomStringConvertible {
        var description: String
    }

    static func generate(seeds: [Int], count: Int) throws -> [Case] {
        let output = try node(
            "exec-generate.mjs", arguments: ["--seeds", seeds.map(String.init).joined(separator: ","), "--count", String(count)])
        guard case .array(let items) = try OrderedJSON.parse(output) else {
            throw Failure(description: "exec-generate.mjs did not print an array")
        }
        return try items.map { item in
            guard let id = item["id"]?.stringValue, let schema = item["schema"]?.stringValue,
                let query = item["query"]?.stringValue, let root = item["root"]
            else { throw Failure(description: "exec-generate.mjs printed a malformed case: \(item.text.prefix(200))") }
            let variables = item["variables"].flatMap { $0 == .null ? nil : $0.text }
            return Case(
                id: id, schema: schema, query: query, variables: variables,
                operationName: item["operationName"]?.stringValue, root: root.text, raw: item)
        }
    }

    /// graphql-js's answers, in the order of `cases`, from one run of `exec-oracle.mjs`.
    static func answers(for cases: [Case]) throws -> [Answer] {
        let input = "[" + cases.map(\.raw.text).joined(separator: ",") + "]"
        let output = try node("exec-oracle.mjs", input: Data(input.utf8))
        guard case .array(let items) = try OrderedJSON.parse(output), items.count == cases.count else {
            throw Failure(description: "exec-oracle.mjs did not answer \(cases.count) cases")
        }
        return try zip(cases, items).map { request, item in
            guard item["id"]?.stringValue == request.id else {
                throw Failure(description: "exec-oracle.mjs answered out of order at \(request.id)")
            }
            return try answer(from: item)
        }
    }

    static func answer(from item: OrderedJSON) throws -> Answer {
        let errors = try (item["errors"]?.arrayValue ?? []).map { error in
            guard let message = error["message"]?.stringValue, let locations = error["locations"]?.arrayValue else {
                throw Failure(description: "malformed error in oracle output: \(error.text)")
            }
            return Answer.Error(
                message: message,
                locations: locations.map {
                    GraphQLLanguage.SourceLocation(line: Int($0["line"]?.doubleValue ?? 0), column: Int($0["column"]?.doubleValue ?? 0))
                },
                path: error["path"]?.arrayValue)
        }
        return Answer(data: item["data"], errors: errors, skipped: item["skipped"]?.stringValue)
    }

    /// Runs one of the Node scripts through the parse/print harness's runner.
    static func node(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> String {
        String(decoding: try Oracle.node(script, arguments: arguments, input: input), as: UTF8.self)
    }

    // MARK: - Our side

    /// Our engine's response, as `chorus exec` computes it: a schema our builder rejects is
    /// reported as an error without locations, so that the case shows up as a mismatch.
    static func answer(_ request: Case) async -> Answer {
        let schema: Schema
        do {
            schema = try buildSchema(Source(body: request.schema))
        } catch {
            return Answer(data: nil, errors: [Answer.Error(message: "buildSchema threw: \(error)", locations: [], path: nil)])
        }
        let source = Source(body: request.query)
        let document: Document
        do {
            document = try parse(source)
        } catch let error as GraphQLError {
            return Answer(data: nil, errors: [wire(error)])
        } catch {
            return Answer(data: nil, errors: [Answer.Error(message: "parse threw: \(error)", locations: [], path: nil)])
        }
        let validationErrors = validate(schema: schema, document: document, source: source)
        if !validationErrors.isEmpty { return Answer(data: nil, errors: validationErrors.map(wire)) }

        var variables: [String: CoercedValue] = [:]
        if let text = request.variables {
            guard case .object(let entries) = try? JSON.parse(text) else {
                return Answer(data: nil, errors: [Answer.Error(message: "JSON.parse rejected the variables", locations: [], path: nil)])
            }
            for entry in entries { variables[entry.name] = entry.value }
        }
        let root: CoercedValue
        do {
            root = try JSON.parse(request.root)
        } catch {
            return Answer(data: nil, errors: [Answer.Error(message: "JSON.parse rejected the root: \(error)", locations: [], path: nil)])
        }
        let result = await execute(
            ExecutionRequest(
                schema: schema, document: document, source: source, operationName: request.operationName,
                variableValues: variables, rootValue: .json(root)))
        var data: OrderedJSON?
        if let value = result.data {
            let text = JSON.serialize(value)
            do {
                data = try OrderedJSON.parse(text).withoutOneOf()
            } catch {
                data = .string("<JSON.serialize wrote invalid JSON: \(text)>")
            }
        }
        return Answer(data: data, errors: result.errors.map(wire))
    }

    static func wire(_ error: GraphQLError) -> Answer.Error {
        Answer.Error(
            message: error.message, locations: error.locations,
            path: error.path.map { $0.map { component in
                switch component {
                case .key(let key): .string(key)
                case .index(let index): .number(String(index))
                }
            } })
    }

    // MARK: - Judging

    struct Verdict {
        var dataPresence = false
        var data = false
        var errorPaths = false
        var errorLocations = false
        var messages = false

        init(expected: Answer, actual: Answer) {
            dataPresence = (expected.data == nil) != (actual.data == nil)
            if let expectedData = expected.data, let actualData = actual.data {
                data = !expectedData.sameValue(as: actualData)
            }
            let pathsOf = { (answer: Answer) in answer.errors.map { $0.path.map { OrderedJSON.array($0) } } }
            errorPaths = !zipEqual(pathsOf(expected), pathsOf(actual)) { lhs, rhs in
                switch (lhs, rhs) {
                case (nil, nil): true
                case (let l?, let r?): l.sameValue(as: r)
                default: false
                }
            }
            errorLocations = expected.errors.map(\.locations) != actual.errors.map(\.locations)
            messages = expected.errors.map(\.message) != actual.errors.map(\.message)
        }

        var isMismatch: Bool { dataPresence || data || errorPaths || errorLocations }

        var labels: [String] {
            [(dataPresence, "presence of data"), (data, "data"), (errorPaths, "error paths"),
             (errorLocations, "error locations"), (messages, "messages")].filter(\.0).map(\.1)
        }
    }

    struct Tally: CustomStringConvertible {
        var judged = 0
        var skipped = 0
        var mismatches = 0
        var dataPresence = 0
        var data = 0
        var errorPaths = 0
        var errorLocations = 0
        var messages = 0

        mutating func count(_ verdict: Verdict) {
            judged += 1
            if verdict.isMismatch { mismatches += 1 }
            if verdict.dataPresence { dataPresence += 1 }
            if verdict.data { data += 1 }
            if verdict.errorPaths { errorPaths += 1 }
            if verdict.errorLocations { errorLocations += 1 }
            if verdict.messages { messages += 1 }
        }

        var description: String {
            "\(judged) judged, \(skipped) skipped (graphql-js rejected the schema); \(mismatches) mismatched: "
                + "data \(data), presence of data \(dataPresence), error paths \(errorPaths), "
                + "error locations \(errorLocations); messages differ in \(messages) (reported only)"
        }
    }

    /// A mismatch in full, or with each part cut at `limit` characters.
    static func report(_ request: Case, expected: Answer, actual: Answer, verdict: Verdict, limit: Int = .max) -> String {
        let cut = { (text: String) in text.count > limit ? text.prefix(limit) + "… (\(text.count) characters)" : text }
        let sameErrorsInAnotherOrder = expected.errors.count == actual.errors.count
            && Set(expected.errors.map(errorKey)) == Set(actual.errors.map(errorKey))
        var firstDifference = ""
        if verdict.data, let expectedData = expected.data, let actualData = actual.data,
            let (path, wanted, got) = expectedData.firstDifference(from: actualData)
        {
            firstDifference = "\n--- first difference in data at \(path.isEmpty ? "the top" : path)\n"
                + "expected: \(wanted?.text.prefix(300) ?? "(nothing)")\nactual:   \(got?.text.prefix(300) ?? "(nothing)")"
        }
        return """
            \(request.id): \(verdict.labels.joined(separator: ", "))\
            \(sameErrorsInAnotherOrder && verdict.isMismatch && !verdict.data && !verdict.dataPresence ? " (the same errors, in another order)" : "")\
            \(firstDifference)
            --- schema
            \(cut(request.schema))
            --- query\(request.operationName.map { " (operationName \($0))" } ?? "")
            \(cut(request.query))
            --- variables
            \(cut(request.variables ?? "null"))
            --- root
            \(cut(request.root))
            --- expected (graphql-js)
            \(cut(expected.json.text))
            --- actual (chorus)
            \(cut(actual.json.text))
            """
    }

    static func messageReport(_ request: Case, expected: Answer, actual: Answer) -> String {
        let pairs = zip(expected.errors, actual.errors).filter { $0.message != $1.message }.prefix(3)
        return "\(request.id):\n" + pairs.map { "  graphql-js: \($0.message)\n  chorus:     \($1.message)" }.joined(separator: "\n")
            + (expected.errors.count == actual.errors.count ? "" : "\n  (\(expected.errors.count) errors against \(actual.errors.count))")
    }

    static func errorKey(_ error: Answer.Error) -> String {
        "\(error.locations) \(error.path.map { OrderedJSON.array($0).text } ?? "-")"
    }
}

private func zipEqual<T>(_ lhs: [T], _ rhs: [T], by equal: (T, T) -> Bool) -> Bool {
    lhs.count == rhs.count && zip(lhs, rhs).allSatisfy(equal)
}

// MARK: - Ordered JSON

/// A JSON value that keeps its object keys in order, independent of the engine's own JSON
/// code so that a bug there cannot hide itself. Numbers keep their text; `sameValue` compares
/// them as JavaScript does, by `Double` value.
enum OrderedJSON: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool { lhs.sameValue(as: rhs) }

    /// Equal as values, object keys compared in order.
    func sameValue(as other: OrderedJSON) -> Bool {
        switch (self, other) {
        case (.null, .null): true
        case (.bool(let l), .bool(let r)): l == r
        case (.number(let l), .number(let r)): Double(l) == Double(r)
        case (.string(let l), .string(let r)): l == r
        case (.array(let l), .array(let r)): zipEqual(l, r) { $0.sameValue(as: $1) }
        case (.object(let l), .object(let r)): zipEqual(l, r) { $0.0 == $1.0 && $0.1.sameValue(as: $1.1) }
        default: false
        }
    }

    /// This data without what the September 2025 edition adds to introspection and graphql-js 16
    /// lacks: the `@oneOf` directive (in `__schema.directives`) and the `isOneOf` field of
    /// `__Type` (in any list of fields). The generated schemas name no field `isOneOf`.
    func withoutOneOf() -> OrderedJSON {
        switch self {
        case .array(let items):
            return .array(items.filter { item in
                guard let name = item["name"]?.stringValue else { return true }
                let isDirective = item["locations"] != nil || item["isRepeatable"] != nil
                return !(name == "isOneOf" || (name == "oneOf" && isDirective))
            }.map { $0.withoutOneOf() })
        case .object(let entries):
            return .object(entries.map { ($0.0, $0.1.withoutOneOf()) })
        default:
            return self
        }
    }

    /// Where `other` first differs from this value: the path, and the two values there (nil
    /// where one side has nothing).
    func firstDifference(from other: OrderedJSON, at path: String = "") -> (String, OrderedJSON?, OrderedJSON?)? {
        switch (self, other) {
        case (.array(let l), .array(let r)):
            for index in 0..<max(l.count, r.count) {
                let here = "\(path)[\(index)]"
                guard index < l.count, index < r.count else {
                    return (here, index < l.count ? l[index] : nil, index < r.count ? r[index] : nil)
                }
                if let found = l[index].firstDifference(from: r[index], at: here) { return found }
            }
            return nil
        case (.object(let l), .object(let r)):
            for index in 0..<max(l.count, r.count) {
                guard index < l.count, index < r.count, l[index].0 == r[index].0 else {
                    let key = index < l.count ? l[index].0 : r[index].0
                    return ("\(path).\(key) (keys differ or in another order)", index < l.count ? l[index].1 : nil, index < r.count ? r[index].1 : nil)
                }
                if let found = l[index].1.firstDifference(from: r[index].1, at: "\(path).\(l[index].0)") { return found }
            }
            return nil
        default:
            return sameValue(as: other) ? nil : (path, self, other)
        }
    }

    subscript(key: String) -> OrderedJSON? {
        guard case .object(let entries) = self else { return nil }
        return entries.first { $0.0 == key }?.1
    }

    var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    var arrayValue: [OrderedJSON]? {
        if case .array(let items) = self { items } else { nil }
    }

    var doubleValue: Double? {
        if case .number(let text) = self { Double(text) } else { nil }
    }

    /// The JSON text, numbers as they were read.
    var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let entries):
            out += "{"
            for (index, (key, value)) in entries.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "invalid JSON at byte \(offset)" }
    }

    static func parse(_ text: String) throws -> OrderedJSON {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let value = try reader.value()
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw SyntaxError(offset: reader.index) }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ literal: String) throws {
            let utf8 = Array(literal.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
                throw SyntaxError(offset: index)
            }
            index += utf8.count
        }

        mutating func value() throws -> OrderedJSON {
            guard index < bytes.count else { throw SyntaxError(offset: index) }
            switch bytes[index] {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                index += 1
                var items: [OrderedJSON] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    skipWhitespace()
                    items.append(try value())
                    skipWhitespace()
                    guard index < bytes.count else { throw SyntaxError(offset: index) }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "]") { return .array(items) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { throw SyntaxError(offset: index - 1) }
                }
            case UInt8(ascii: "{"):
                index += 1
                var entries: [(String, OrderedJSON)] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(entries) }
                while true {
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw SyntaxError(offset: index) }
                    let key = try string()
                    skipWhitespace()
                    try expect(":")
                    skipWhitespace()
                    let item = try value()
                    // As JSON.parse: a repeated key keeps its first place and takes the last value.
                    if let existing = entries.firstIndex(where: { $0.0 == key }) {
                        entries[existing].1 = item
                    } else {
                        entries.append((key, item))
                    }
                    skipWhitespace()
                    guard index < bytes.count else { throw SyntaxError(offset: index) }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "}") { return .object(entries) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { throw SyntaxError(offset: index - 1) }
                }
            default:
                let start = index
                while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                guard !text.isEmpty, Double(text) != nil else { throw SyntaxError(offset: start) }
                return .number(text)
            }
        }

        mutating func string() throws -> String {
            index += 1  // the opening quote
            var units: [UInt16] = []
            var pending: [UInt8] = []
            func flush() {
                units.append(contentsOf: String(decoding: pending, as: UTF8.self).utf16)
                pending.removeAll()
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(decoding: units, as: UTF16.self)
                case UInt8(ascii: "\\"):
                    flush()
                    guard index < bytes.count else { throw SyntaxError(offset: index) }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "n"): units.append(0x0A)
                    case UInt8(ascii: "r"): units.append(0x0D)
                    case UInt8(ascii: "t"): units.append(0x09)
                    case UInt8(ascii: "b"): units.append(0x08)
                    case UInt8(ascii: "f"): units.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard index + 4 <= bytes.count,
                            let unit = UInt16(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                        else { throw SyntaxError(offset: index) }
                        units.append(unit)
                        index += 4
                    default: units.append(UInt16(escape))
                    }
                default:
                    pending.append(byte)
                }
            }
            throw SyntaxError(offset: index)
        }
    }
}
#else
import Testing

@Suite("Differential: execution against graphql-js 16")
struct ExecutionDifferentialTests {
    @Test("generated requests execute as in graphql-js")
    func generatedRequests() {
        Issue.record("DifferentialTests cannot import GraphQLExecution and GraphQLValidation: add them to its dependencies in Package.swift")
    }
}
#endif
