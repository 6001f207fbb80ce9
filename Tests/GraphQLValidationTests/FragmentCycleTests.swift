import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Testing

/// Fragments spread inside themselves, through nested fields: inside fragments on a cycle, the
/// overlapping-fields search leaves out spreads of fragments on a cycle (NoFragmentCyclesRule
/// reports them), where it used to compare them without end and overflow the stack (found by
/// scripts/fuzz). Errors as graphql-js 16 gives them.
struct FragmentCycleTests {
    static let schema = try! buildSchema(
        Source(body: "type User { id: ID! name: String friends: [User!]! } type Query { me: User }"))

    @Test(arguments: [
        ("{ me { ...G } } fragment G on User { friends { name ...G } }",
         [#"Cannot spread fragment "G" within itself. (1:53)"#]),
        ("{ me { ...A } } fragment A on User { friends { n: name ...B } } fragment B on User { friends { n: id ...A } }",
         [#"Cannot spread fragment "A" within itself via "B". (1:56, 1:102)"#]),
        ("{ me { ...A ...B } } fragment A on User { friends { n: name ...A } } fragment B on User { friends { n: id } }",
         [
            #"Fields "friends" conflict because subfields "n" conflict because "name" and "id" are different fields. Use different aliases on the fields to fetch both if this was intentional. (1:43, 1:53, 1:91, 1:101)"#,
            #"Cannot spread fragment "A" within itself. (1:61)"#,
         ]),
    ])
    func nestedSpreadsOfThemselves(query: String, expected: [String]) throws {
        let source = Source(body: query)
        let errors = validate(schema: Self.schema, document: try parse(source), source: source)
        #expect(errors.map { "\($0.message) (\($0.locations.map { "\($0.line):\($0.column)" }.joined(separator: ", ")))" } == expected)
    }

    /// The document scripts/fuzz found: it must end, with its errors.
    @Test func theFuzzersDocumentEnds() throws {
        let text = "fragment F on User { tame ...K } fragment G on Urer { i: typeUser { tame ...G } frIntent F on frag@tgmenUser { fragment G  e  Ma...G } fragment G F on User { tnt F on User {ne  Ma...G } fragment G  e  Ma...G } fragment G on Ut  { ...F } serr {nnt F on User e {  G} F } }"
        let source = Source(body: text)
        let errors = validate(schema: Self.schema, document: try parse(source), source: source)
        #expect(errors.prefix(3).map(\.message) == [
            #"Cannot query field "tame" on type "User". Did you mean "name"?"#, #"Unknown fragment "K"."#,
            #"Cannot spread fragment "G" within itself."#,
        ])
    }
}
