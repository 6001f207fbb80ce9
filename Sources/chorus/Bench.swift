import ArgumentParser
import Foundation
import GraphQLLanguage

/// `chorus bench`: times one phase of the engine on one document and prints one JSON line.
///
/// Method: one warm-up round, then five timed rounds of `--iterations` operations each; the
/// result is the median round's time per operation. Everything the phase does not cover
/// (reading files, building the schema) happens outside the timed loop.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time parse, validate, execute or all of them on one document.")

    enum Phase: String, ExpressibleByArgument, CaseIterable {
        case parse, validate, execute, all
    }

    @Option(help: "The schema (SDL).") var schema: String?
    @Option(help: "The query document.") var query: String
    @Option(help: "The root value (JSON).") var root: String?
    @Option(help: "Variables (JSON).") var variables: String?
    @Option(help: "parse, validate, execute or all.") var phase: Phase = .parse
    @Option(help: "Operations per timed round.") var iterations: Int = 1000

    func validate() throws {
        guard iterations > 0 else { throw ValidationError("--iterations must be positive") }
        guard phase == .parse else {
            throw ValidationError("--phase \(phase.rawValue) is not available yet: only parse is")
        }
    }

    func run() throws {
        let source = try readSource(query)
        // Fail before timing if the document does not parse.
        _ = try GraphQLLanguage.parse(source)
        let nanoseconds = measure(iterations: iterations) {
            _ = try? GraphQLLanguage.parse(source)
        }
        print(
            #"{"engine":"chorus","phase":"\#(phase.rawValue)","iterations":\#(iterations),"ns_per_op":\#(nanoseconds),"ok":true}"#
        )
    }
}

/// The median over five rounds, after one warm-up round, of nanoseconds per operation.
func measure(iterations: Int, _ operation: () -> Void) -> Int {
    for _ in 0..<iterations { operation() }
    var rounds: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<5 {
        let elapsed = clock.measure {
            for _ in 0..<iterations { operation() }
        }
        let nanoseconds =
            Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        rounds.append(nanoseconds / Double(iterations))
    }
    return Int(rounds.sorted()[2].rounded())
}
