import Foundation
import GraphQLLanguage
import Testing

/// Our engine against graphql-js 16 (Debian node-graphql) on generated documents, the corpus
/// and the fixtures: printed output byte for byte; for rejected documents the first error's
/// line and column (and message, for syntax errors); for schemas the SDL-validation errors,
/// the printed schema and the type-system errors, messages and locations in order.
///
/// `Tests/Differential/generate.mjs` makes the cases, `oracle.mjs` answers them with
/// graphql-js, and `Engine` answers them in process. Node and graphql-js are required: when
/// they are missing the tests fail and say to run `scripts/test`, which installs them.
///
/// Environment: `CHORUS_DIFFERENTIAL_SEEDS` (default `1,2,3`) and `CHORUS_DIFFERENTIAL_COUNT`
/// (cases per seed, default 1000) widen a run; mismatches are also written in full, as JSON,
/// to a file named in the failure.
@Suite("Differential: graphql-js 16")
struct DifferentialTests {
    static let seeds: [Int] = environment("CHORUS_DIFFERENTIAL_SEEDS")?
        .split(separator: ",").compactMap { Int($0) } ?? [1, 2, 3]
    static let count = environment("CHORUS_DIFFERENTIAL_COUNT").flatMap { Int($0) } ?? 1000

    /// All generated cases and graphql-js's answers: one run of each script for every seed.
    static let generated = Batch.load { try Oracle.generate(seeds: seeds, count: count) }
    /// The corpus and fixtures with graphql-js's answers.
    static let corpus = Batch.load { try Oracle.fixtureCases() }

    @Test("generated cases agree with graphql-js", arguments: [Case.Kind.document, .schema])
    func generated(kind: Case.Kind) throws {
        try judge(Self.generated.get(), kind: kind, label: "generated \(kind.rawValue)s (seeds \(Self.seeds))")
    }

    @Test("corpus and fixtures agree with graphql-js", arguments: [Case.Kind.document, .schema])
    func corpus(kind: Case.Kind) throws {
        let batch = try Self.corpus.get()
        #expect(batch.cases.count >= 30)
        try judge(batch, kind: kind, label: "corpus \(kind.rawValue)s")
    }

    /// The recorded expected outputs (regenerate-fixtures.mjs), checked without Node.
    @Test("kitchen-sink fixtures print as graphql-js printed them", arguments: [
        ("kitchen-sink.graphql", Case.Kind.document, "kitchen-sink.printed.graphql"),
        ("schema-kitchen-sink.graphql", Case.Kind.schema, "schema-kitchen-sink.printed.graphql"),
    ])
    func kitchenSink(input: String, kind: Case.Kind, expectedFile: String) throws {
        let read = { (name: String) in
            String(decoding: try Data(contentsOf: Oracle.fixtures.appendingPathComponent(name)), as: UTF8.self)
        }
        let answer = Engine.answer(Case(id: input, kind: kind, source: try read(input)))
        let expected = try read(expectedFile)
        #expect(answer.ok, "\(input) was rejected: \(answer.errors ?? [])")
        #expect(answer.schemaErrors ?? [] == [], "\(input): \(answer.schemaErrors ?? [])")
        let printed = answer.printed ?? ""
        #expect(
            Array(printed.utf8) == Array(expected.utf8),
            "\(input) printed differently from \(expectedFile):\n\(firstDifference(expected, printed))")
    }

    /// Answers `cases` with both engines, compares, reports the first mismatches in full and
    /// fails with the counts per kind of mismatch.
    func judge(_ batch: Batch, kind: Case.Kind, label: String) throws {
        var verdicts: [Verdict] = []
        var tally = Tally()
        var judged = 0
        for (testCase, reference) in zip(batch.cases, batch.answers) where testCase.kind == kind {
            judged += 1
            let ours = Engine.answer(testCase)
            let verdict = Verdict.compare(testCase, expected: reference, actual: ours)
            tally.count(verdict)
            if verdict.isMismatch { verdicts.append(verdict) }
        }
        let summary = "\(label): \(judged) cases, \(tally)"
        print("[differential] \(summary)")
        guard !verdicts.isEmpty else { return }

        for verdict in verdicts.prefix(20) {
            Issue.record(Comment(rawValue: verdict.report))
        }
        let reportFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("chorus-differential-\(label.filter { $0.isLetter || $0.isNumber }).json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try? encoder.encode(verdicts.map(\.record)).write(to: reportFile)
        Issue.record(
            Comment(rawValue: "\(summary). \(verdicts.count) mismatches; all of them in \(reportFile.path)"))
    }
}

/// Cases with graphql-js's answers, computed once and shared by the tests that judge them.
struct Batch: Sendable {
    var cases: [Case]
    var answers: [Answer]

    static func load(_ makeCases: () throws -> [Case]) -> Result<Batch, Oracle.Failure> {
        do {
            let cases = try makeCases()
            return .success(Batch(cases: cases, answers: try Oracle.answers(for: cases)))
        } catch let failure as Oracle.Failure {
            return .failure(failure)
        } catch {
            return .failure(Oracle.Failure(description: "\(error)"))
        }
    }
}

/// One case judged: how the answers compare and, for a mismatch, both sides.
struct Verdict {
    enum Outcome: String, CaseIterable {
        case agree = "agree"
        case referenceCrash = "graphql-js threw (not compared)"
        case knownDivergence = "known divergence (September 2025 spec: descriptions on operations, fragments, variables)"
        case printedDiffers = "printed output differs"
        case acceptedInvalid = "accepted, graphql-js rejects"
        case rejectedValid = "rejected, graphql-js accepts"
        case stageDiffers = "rejected at a different stage"
        case locationDiffers = "first error at a different line:column"
        case messageDiffers = "syntax error message differs"
        case sdlErrorsDiffer = "SDL validation errors differ"
        case schemaErrorsDiffer = "type-system validation errors differ"
        case notIdempotent = "print(parse(print(doc))) != print(doc)"
        case unexpectedError = "engine threw something other than GraphQLError(s)"
    }

    var outcome: Outcome
    var testCase: Case
    var expected: Answer
    var actual: Answer
    var detail = ""

    var isMismatch: Bool {
        ![.agree, .referenceCrash, .knownDivergence].contains(outcome)
    }

    /// Where graphql-js 16 rejects a string that the September 2025 spec reads as a description
    /// of an operation, a fragment or a variable definition. Such cases are counted, not failed.
    static func isDescriptionOnExecutable(_ error: ReportedError?) -> Bool {
        guard let message = error?.message else { return false }
        return message == "Syntax Error: Unexpected description, descriptions are supported only on type definitions."
            || message.hasPrefix("Syntax Error: Expected \"$\", found String")
            || message.hasPrefix("Syntax Error: Expected \"$\", found BlockString")
    }

    static func compare(_ testCase: Case, expected: Answer, actual: Answer) -> Verdict {
        var verdict = Verdict(outcome: .agree, testCase: testCase, expected: expected, actual: actual)
        verdict.outcome = verdict.judge()
        return verdict
    }

    private mutating func judge() -> Outcome {
        if expected.stage == "crash" { return .referenceCrash }
        if actual.stage == "unexpected" { return .unexpectedError }
        if Self.isDescriptionOnExecutable(expected.errors?.first),
            actual.ok || actual.errors?.first != expected.errors?.first
        {
            return .knownDivergence
        }
        switch (expected.ok, actual.ok) {
        case (true, false): return .rejectedValid
        case (false, true): return .acceptedInvalid
        case (false, false):
            // graphql-js's buildASTSchema throws one located error past SDL validation (an
            // uncoercible @deprecated reason); our buildSchema reports it with the SDL errors.
            let expectedStage = expected.stage == "build" ? "sdl" : expected.stage
            guard expectedStage == actual.stage else { return .stageDiffers }
            let theirs = expected.errors ?? []
            let ours = actual.errors ?? []
            if expected.stage == "sdl" { return theirs == ours ? .agree : .sdlErrorsDiffer }
            if expected.stage == "build" { return theirs.first == ours.first ? .agree : .sdlErrorsDiffer }
            if theirs.first?.locations.first != ours.first?.locations.first { return .locationDiffers }
            if theirs.first?.message != ours.first?.message { return .messageDiffers }
            return .agree
        case (true, true):
            let theirs = expected.printed ?? ""
            let ours = actual.printed ?? ""
            if Array(theirs.utf8) != Array(ours.utf8) {
                detail = firstDifference(theirs, ours)
                return .printedDiffers
            }
            if testCase.kind == .schema {
                return (expected.schemaErrors ?? []) == (actual.schemaErrors ?? []) ? .agree : .schemaErrorsDiffer
            }
            let reprinted = Engine.document(Case(id: testCase.id, kind: .document, source: ours))
            if Array((reprinted.printed ?? "").utf8) != Array(ours.utf8) {
                detail = "reprinted: " + (reprinted.printed.map { visible($0) } ?? "\(reprinted.errors ?? [])")
                return .notIdempotent
            }
            return .agree
        }
    }

    var report: String {
        """
        \(outcome.rawValue): \(testCase.id) (\(testCase.kind.rawValue))
        --- source
        \(visible(testCase.source))
        --- graphql-js
        \(describe(expected))
        --- chorus
        \(describe(actual))\(detail.isEmpty ? "" : "\n--- \(detail)")
        """
    }

    var record: [String: String] {
        [
            "outcome": outcome.rawValue, "id": testCase.id, "kind": testCase.kind.rawValue,
            "source": testCase.source, "expected": describe(expected, limit: .max),
            "actual": describe(actual, limit: .max),
        ]
    }

    private func describe(_ answer: Answer, limit: Int = 3000) -> String {
        var lines: [String] = []
        if let printed = answer.printed { lines.append(visible(printed, limit: limit)) }
        if let errors = answer.errors { lines.append("\(answer.stage ?? "?") errors:\n" + errors.map { "  \($0)" }.joined(separator: "\n")) }
        if let schemaErrors = answer.schemaErrors, !schemaErrors.isEmpty {
            lines.append("schema errors:\n" + schemaErrors.map { "  \($0)" }.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n")
    }
}

/// Counts of verdicts per outcome, printed in a fixed order.
struct Tally: CustomStringConvertible {
    private var counts: [Verdict.Outcome: Int] = [:]

    mutating func count(_ verdict: Verdict) {
        counts[verdict.outcome, default: 0] += 1
    }

    var description: String {
        Verdict.Outcome.allCases.compactMap { outcome in
            counts[outcome].map { "\($0) \(outcome.rawValue)" }
        }.joined(separator: ", ")
    }
}

/// The text with invisible characters spelled out (`\r`, `\t`, `\u{FEFF}`, controls), cut at `limit`.
func visible(_ text: String, limit: Int = 3000) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": out += "\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF
            || scalar.value == 0xA0 || scalar.value == 0x2028 || scalar.value == 0xFFFF || scalar.value == 0xFFFE:
            out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        default: out.unicodeScalars.append(scalar)
        }
        if out.utf8.count > limit {
            return out + "… (\(text.utf8.count) bytes in all)"
        }
    }
    return out
}

/// Where two outputs first differ, with a little context from each.
func firstDifference(_ expected: String, _ actual: String) -> String {
    let a = Array(expected.utf8)
    let b = Array(actual.utf8)
    var i = 0
    while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
    let line = a[..<min(i, a.count)].filter { $0 == 0x0A }.count + 1
    let context = { (bytes: [UInt8]) in
        visible(String(decoding: bytes[max(0, i - 60)..<min(bytes.count, i + 60)], as: UTF8.self), limit: 400)
    }
    return "first difference at byte \(i) (line \(line)):\n  graphql-js: \(context(a))\n  chorus:     \(context(b))"
}

private func environment(_ name: String) -> String? {
    ProcessInfo.processInfo.environment[name]
}
