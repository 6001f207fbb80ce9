import Foundation

/// One document to judge, as `Tests/Differential/generate.mjs` writes it.
struct Case: Codable, Sendable {
    enum Kind: String, Codable, Sendable, CaseIterable {
        case document, schema
    }

    var id: String
    var kind: Kind
    var source: String
}

/// An error in the oracle's shape: the message and every location, in order.
struct ReportedError: Codable, Sendable, Equatable, CustomStringConvertible {
    struct Location: Codable, Sendable, Equatable {
        var line: Int
        var column: Int
    }

    var message: String
    var locations: [Location]

    var description: String {
        message + locations.map { " (\($0.line):\($0.column))" }.joined()
    }
}

/// What an engine answered for one case, in the shape `Tests/Differential/oracle.mjs` writes.
///
/// `stage` says where a rejected case failed: `syntax` (parse), `sdl` (SDL validation, which
/// buildSchema asserts), and for graphql-js only `build` (buildASTSchema threw a located error
/// past validation) or `crash` (graphql-js itself failed: not comparable).
struct Answer: Codable, Sendable {
    var id: String
    var ok: Bool
    var stage: String?
    var printed: String?
    var errors: [ReportedError]?
    var schemaErrors: [ReportedError]?
}

/// Runs the Node side of the differential test: the case generator and graphql-js.
enum Oracle {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scripts = packageRoot.appendingPathComponent("Tests/Differential")
    static let fixtures = packageRoot.appendingPathComponent("Tests/Fixtures")
    static let graphQLJS = ProcessInfo.processInfo.environment["GRAPHQL_JS_DIR"] ?? "/usr/share/nodejs/graphql"

    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// `generate.mjs --seeds … --count …`.
    static func generate(seeds: [Int], count: Int) throws -> [Case] {
        let output = try node(
            "generate.mjs",
            arguments: ["--seeds", seeds.map(String.init).joined(separator: ","), "--count", String(count)])
        return try JSONDecoder().decode([Case].self, from: output)
    }

    /// graphql-js's answers for `cases`, in order, from one `oracle.mjs` run.
    static func answers(for cases: [Case]) throws -> [Answer] {
        let output = try node("oracle.mjs", input: try JSONEncoder().encode(cases))
        let answers = try JSONDecoder().decode([Answer].self, from: output)
        guard answers.map(\.id) == cases.map(\.id) else {
            throw Failure(description: "oracle.mjs answered \(answers.count) cases for \(cases.count), or out of order")
        }
        return answers
    }

    /// Runs one of our Node scripts with `input` on stdin and returns its stdout. Files, not
    /// pipes, carry both streams so that neither side can block on a full pipe.
    static func node(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> Data {
        guard FileManager.default.fileExists(atPath: graphQLJS + "/index.mjs") else {
            throw Failure(
                description: "graphql-js is not installed at \(graphQLJS): run scripts/test, which installs Debian's node-graphql")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chorus-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdin = directory.appendingPathComponent("stdin.json")
        let stdout = directory.appendingPathComponent("stdout.json")
        let stderr = directory.appendingPathComponent("stderr.txt")
        try input.write(to: stdin)
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", scripts.appendingPathComponent(script).path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["GRAPHQL_JS_DIR": graphQLJS]) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        process.waitUntilExit()

        let errorText = String(decoding: (try? Data(contentsOf: stderr)) ?? Data(), as: UTF8.self)
        if process.terminationStatus == 127 {
            throw Failure(description: "node is not installed: run scripts/test, which installs it")
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "node \(script) exited with status \(process.terminationStatus):\n\(errorText)")
        }
        return try Data(contentsOf: stdout)
    }

    /// The corpus and fixtures as cases: every file as a document, SDL files also as schemas.
    static func fixtureCases() throws -> [Case] {
        let corpus = fixtures.appendingPathComponent("corpus")
        var files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasSuffix(".graphql") }.sorted().map { "corpus/" + $0 }
        files += ["kitchen-sink.graphql", "schema-kitchen-sink.graphql"]
        var cases: [Case] = []
        for file in files {
            let source = String(decoding: try Data(contentsOf: fixtures.appendingPathComponent(file)), as: UTF8.self)
            cases.append(Case(id: file, kind: .document, source: source))
            if file.split(separator: "/").last!.hasPrefix("schema-") {
                cases.append(Case(id: file + " (schema)", kind: .schema, source: source))
            }
        }
        return cases
    }
}
