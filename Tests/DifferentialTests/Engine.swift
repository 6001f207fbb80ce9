import GraphQLLanguage
import GraphQLSchema

/// Our engine's answer for one case, in the oracle's shape, computed in process.
enum Engine {
    static func answer(_ testCase: Case) -> Answer {
        switch testCase.kind {
        case .document: document(testCase)
        case .schema: schema(testCase)
        }
    }

    /// `print(parse(source))`, or the syntax error.
    static func document(_ testCase: Case) -> Answer {
        do {
            let document = try parse(Source(body: testCase.source))
            return Answer(id: testCase.id, ok: true, printed: Printer.print(document))
        } catch let error as GraphQLError {
            return Answer(id: testCase.id, ok: false, stage: "syntax", errors: [reported(error)])
        } catch {
            return Answer(id: testCase.id, ok: false, stage: "unexpected", errors: [unexpected(error)])
        }
    }

    /// `printSchema(buildSchema(source))` with `validateSchema`'s errors, or the syntax error,
    /// or the SDL validation errors.
    static func schema(_ testCase: Case) -> Answer {
        do {
            let schema = try buildSchema(Source(body: testCase.source))
            return Answer(
                id: testCase.id, ok: true, printed: printSchema(schema),
                schemaErrors: validateSchema(schema).map(reported))
        } catch let error as GraphQLError {
            return Answer(id: testCase.id, ok: false, stage: "syntax", errors: [reported(error)])
        } catch let errors as GraphQLErrors {
            return Answer(id: testCase.id, ok: false, stage: "sdl", errors: errors.errors.map(reported))
        } catch {
            return Answer(id: testCase.id, ok: false, stage: "unexpected", errors: [unexpected(error)])
        }
    }

    static func reported(_ error: GraphQLError) -> ReportedError {
        ReportedError(
            message: error.message,
            locations: error.locations.map { ReportedError.Location(line: $0.line, column: $0.column) })
    }

    static func unexpected(_ error: any Error) -> ReportedError {
        ReportedError(message: "unexpected error type \(type(of: error)): \(error)", locations: [])
    }
}
