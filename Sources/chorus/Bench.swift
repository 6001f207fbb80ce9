import ArgumentParser
import Foundation
import Gateway
import GraphQLExecution
import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation

/// `chorus bench`: times one phase of the engine on one document and prints one JSON line.
///
/// Method: one warm-up round, then five timed rounds of `--iterations` operations each; the
/// result is the median round's time per operation. Everything the phase does not cover
/// (reading files, building the schema, parsing for the later phases) happens outside the
/// timed loop. `scripts/bench` runs graphql-js the same way for comparison.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time parse, validate, execute or all of them on one document.",
        discussion: """
            --phase refuse times how long the gateway takes to refuse a hostile document: parsing \
            with its parse options and validating against its schema with its default limits \
            (scripts/bench-hostile runs it on fragment bombs of growing size).
            """)

    enum Phase: String, ExpressibleByArgument, CaseIterable {
        case parse, validate, execute, all, refuse
    }

    @Option(help: "The schema (SDL); required for every phase but parse and refuse.") var schema: String?
    @Option(help: "The query document.") var query: String
    @Option(help: "The root value (JSON).") var root: String?
    @Option(help: "Variables (JSON).") var variables: String?
    @Option(help: "parse, validate, execute or all.") var phase: Phase = .parse
    @Option(help: "Operations per timed round.") var iterations: Int = 1000

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
        guard phase == .parse || phase == .refuse || schema != nil else { throw ValidationError("--phase \(phase.rawValue) needs --schema") }
    }

    func run() async throws {
        let source = try readSource(query)
        let nanoseconds: Int
        switch phase {
        case .refuse:
            try await refuse(source)
            return
        case .parse:
            nanoseconds = await measure(iterations: iterations) { _ = try? GraphQLLanguage.parse(source) }
        case .validate, .execute, .all:
            let document = try GraphQLLanguage.parse(source)
            let schema = try loadSchema(self.schema!)
            let rootValue = FieldValue.json(try root.map { try readJSON($0, what: "root value") } ?? .object([]))
            let variableValues = try variables.map { try readJSONObject($0, what: "variables") } ?? [:]
            // Fail before timing if the request does not run cleanly.
            let errors = GraphQLValidation.validate(schema: schema, document: document, source: source)
            guard errors.isEmpty else { throw ValidationError("the query is invalid: \(errors[0])") }
            switch phase {
            case .validate:
                nanoseconds = await measure(iterations: iterations) {
                    _ = GraphQLValidation.validate(schema: schema, document: document, source: source)
                }
            case .execute:
                let request = ExecutionRequest(
                    schema: schema, document: document, source: source, variableValues: variableValues,
                    rootValue: rootValue)
                nanoseconds = await measure(iterations: iterations) { _ = await execute(request) }
            default:
                nanoseconds = await measure(iterations: iterations) {
                    _ = await executeRequest(
                        schema: schema, source: source, variableValues: variableValues, rootValue: rootValue)
                }
            }
        }
        print(
            #"{"engine":"chorus","phase":"\#(phase.rawValue)","iterations":\#(iterations),"ns_per_op":\#(nanoseconds),"ok":true}"#
        )
    }
}

extension Bench {
    /// Times the gateway's refusal of a document (parse, then validate with the default limits);
    /// fails before timing if the document is not refused.
    func refuse(_ source: Source) async throws {
        let schema = try Gateway.schema()
        let configuration = GatewayConfiguration()
        let rules = specifiedRules + [OperationLimitsRule(limits: configuration.limits)]
        func errors() -> [GraphQLError] {
            do {
                let document = try GraphQLLanguage.parse(source, options: configuration.parseOptions)
                return GraphQLValidation.validate(schema: schema, document: document, source: source, rules: rules)
            } catch {
                return [error as? GraphQLError ?? GraphQLError(message: "\(error)")]
            }
        }
        let refusal = errors()
        guard !refusal.isEmpty else { throw ValidationError("the document is not refused") }
        let nanoseconds = await measure(iterations: iterations) { _ = errors() }
        let limits = refusal.compactMap { $0.extensions["limit"] }.joined(separator: ",")
        print(
            #"{"engine":"chorus","phase":"refuse","iterations":\#(iterations),"ns_per_op":\#(nanoseconds),"errors":\#(refusal.count),"limits":"\#(limits)","ok":true}"#
        )
    }
}

/// The median over five rounds, after one warm-up round, of nanoseconds per operation.
func measure(iterations: Int, _ operation: () async -> Void) async -> Int {
    for _ in 0..<iterations { await operation() }
    var rounds: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<5 {
        let start = clock.now
        for _ in 0..<iterations { await operation() }
        let elapsed = clock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        rounds.append(nanoseconds / Double(iterations))
    }
    return Int(rounds.sorted()[2].rounded())
}
