import GraphQLLanguage
import GraphQLSchema
import Testing

/// graphql-js's SDL rules, as `buildSchema` applies them: exact messages, locations and order
/// (expectations produced by graphql-js 16.6 `validateSDL` and `buildASTSchema`).
@Suite struct SDLValidationTests {
    @Test(arguments: sdlRuleCases)
    func reportsEveryErrorInOrder(_ testCase: ErrorCase) throws {
        #expect(try buildErrors(testCase.sdl) == testCase.errors)
    }

    @Test func validDocumentsBuild() throws {
        #expect(try buildErrors("type Query { a: Int @deprecated(reason: \"x\") }\nscalar S @specifiedBy(url: \"u\")\n").isEmpty)
    }

    @Test func syntaxErrorsComeFromTheParser() {
        #expect(throws: GraphQLError.self) { try build("type Query {") }
    }

    @Test func errorsHaveNoLocationsWithoutASource() throws {
        let document = try parse("type A { a: Int }\ntype A { b: Int }")
        #expect(throws: GraphQLErrors([GraphQLError(message: "There can be only one type named \"A\".")])) {
            try buildSchema(document: document)
        }
    }

    @Test func assumeValidSDLSkipsTheRules() throws {
        let schema = try buildSchema(
            Source(body: "type Query { a: Int @unknown }"), options: BuildSchemaOptions(assumeValidSDL: true))
        #expect(schema.queryType?.name == "Query")
    }
}

let sdlRuleCases: [ErrorCase] = [
    ErrorCase(
        "LoneSchemaDefinition",
        "type Query { a: Int }\nschema { query: Query }\nschema { query: Query }\n",
        [
            ("Must provide only one schema definition.", ["3:1"]),
            ("There can be only one query type in schema.", ["2:10", "3:10"]),
        ]
    ),
    ErrorCase(
        "UniqueOperationTypes",
        "type Query { a: Int }\nschema {\n  query: Query\n  query: Query\n}\nextend schema { query: Query mutation: Query }\nextend schema { mutation: Query }\n",
        [
            ("There can be only one query type in schema.", ["3:3", "4:3"]),
            ("There can be only one query type in schema.", ["3:3", "6:17"]),
            ("There can be only one mutation type in schema.", ["6:30", "7:17"]),
        ]
    ),
    ErrorCase(
        "UniqueTypeNames",
        "type Query { a: Int }\ntype A { a: Int }\ntype A { b: Int }\nscalar A\n",
        [
            ("There can be only one type named \"A\".", ["2:6", "3:6"]),
            ("There can be only one type named \"A\".", ["2:6", "4:8"]),
        ]
    ),
    ErrorCase(
        "UniqueEnumValueNames",
        "type Query { a: Int }\nenum E { A B A }\nextend enum E { B C }\n",
        [
            ("Enum value \"E.A\" can only be defined once.", ["2:10", "2:14"]),
            ("Enum value \"E.B\" can only be defined once.", ["2:12", "3:17"]),
        ]
    ),
    ErrorCase(
        "UniqueFieldDefinitionNames",
        "type Query { a: Int a: String }\nextend type Query { a: Int }\ninterface I { x: Int }\nextend interface I { x: Int }\ninput In { f: Int f: Int }\n",
        [
            ("Field \"Query.a\" can only be defined once.", ["1:14", "1:21"]),
            ("Field \"Query.a\" can only be defined once.", ["1:14", "2:21"]),
            ("Field \"I.x\" can only be defined once.", ["3:15", "4:22"]),
            ("Field \"In.f\" can only be defined once.", ["5:12", "5:19"]),
        ]
    ),
    ErrorCase(
        "UniqueArgumentDefinitionNames",
        "type Query { a(x: Int, y: Int, x: Int, y: Int, x: String): Int }\ninterface I { f(a: Int a: Int): Int }\ndirective @d(a: Int, a: Int) on FIELD\n",
        [
            ("Argument \"Query.a(x:)\" can only be defined once.", ["1:16", "1:32", "1:48"]),
            ("Argument \"Query.a(y:)\" can only be defined once.", ["1:24", "1:40"]),
            ("Argument \"I.f(a:)\" can only be defined once.", ["2:17", "2:24"]),
            ("Argument \"@d(a:)\" can only be defined once.", ["3:14", "3:22"]),
        ]
    ),
    ErrorCase(
        "UniqueDirectiveNames",
        "type Query { a: Int }\ndirective @d on FIELD\ndirective @d on QUERY\n",
        [
            ("There can be only one directive named \"@d\".", ["2:12", "3:12"]),
        ]
    ),
    ErrorCase(
        "KnownTypeNames",
        "type Query implements Nod { a: Strin b: [Qeury!] c(x: Intt): ID }\nunion U = Foo\ninput In { a: __Type }\n",
        [
            ("Unknown type \"Nod\". Did you mean \"ID\"?", ["1:23"]),
            ("Unknown type \"Strin\". Did you mean \"String\" or \"In\"?", ["1:32"]),
            ("Unknown type \"Qeury\". Did you mean \"Query\"?", ["1:42"]),
            ("Unknown type \"Intt\". Did you mean \"Int\" or \"In\"?", ["1:55"]),
            ("Unknown type \"Foo\".", ["2:11"]),
        ]
    ),
    ErrorCase(
        "KnownTypeNames in executable definitions",
        "type Query { a: Int }\nquery Q($v: Int, $w: Query) { a }\nfragment F on Qery { a }\n",
        [
            ("Unknown type \"Int\".", ["2:13"]),
            ("Unknown type \"Qery\". Did you mean \"Query\"?", ["3:15"]),
        ]
    ),
    ErrorCase(
        "KnownDirectives",
        "type Query @unknown { a: Int @skip(if: true) @deprecated }\nscalar S @deprecated\n",
        [
            ("Unknown directive \"@unknown\".", ["1:12"]),
            ("Directive \"@skip\" may not be used on FIELD_DEFINITION.", ["1:30"]),
            ("Directive \"@deprecated\" may not be used on SCALAR.", ["2:10"]),
        ]
    ),
    ErrorCase(
        "KnownDirectives on extended input fields",
        "directive @onInputField on INPUT_FIELD_DEFINITION\ninput In { a: Int @onInputField }\nextend input In { b: Int @onInputField }\ntype Query { f(x: Int @onInputField): Int }\n",
        [
            ("Directive \"@onInputField\" may not be used on ARGUMENT_DEFINITION.", ["3:26"]),
            ("Directive \"@onInputField\" may not be used on ARGUMENT_DEFINITION.", ["4:23"]),
        ]
    ),
    ErrorCase(
        "KnownDirectives in executable definitions",
        "type Query { a: Int }\nquery Q @skip(if: true) { a @deprecated ... on Query @include(if: true) { a } }\n",
        [
            ("Directive \"@skip\" may not be used on QUERY.", ["2:9"]),
            ("Directive \"@deprecated\" may not be used on FIELD.", ["2:29"]),
        ]
    ),
    ErrorCase(
        "UniqueDirectivesPerLocation",
        "directive @d on OBJECT | FIELD_DEFINITION | SCHEMA\ndirective @r repeatable on OBJECT\ntype Query @d @r @r { a: Int @d @d }\nextend type Query @d @r\nschema @d { query: Query }\nextend schema @d\n",
        [
            ("The directive \"@d\" can only be used once at this location.", ["3:30", "3:33"]),
            ("The directive \"@d\" can only be used once at this location.", ["3:12", "4:19"]),
            ("The directive \"@d\" can only be used once at this location.", ["5:8", "6:15"]),
        ]
    ),
    ErrorCase(
        "PossibleTypeExtensions not defined",
        "type Query { a: Int }\nextend type Qeury { b: Int }\nextend scalar String @specifiedBy(url: \"x\")\n",
        [
            ("Cannot extend type \"Qeury\" because it is not defined. Did you mean \"Query\"?", ["2:13"]),
            ("Cannot extend type \"String\" because it is not defined.", ["3:15"]),
        ]
    ),
    ErrorCase(
        "PossibleTypeExtensions wrong kind",
        "type Query { a: Int }\nscalar S\nextend type S { a: Int }\nextend input Query { a: Int }\nextend union S = Query\nextend enum Query { A }\nextend interface S { a: Int }\nextend scalar Query @specifiedBy(url: \"x\")\n",
        [
            ("Cannot extend non-object type \"S\".", ["2:1", "3:1"]),
            ("Field \"Query.a\" can only be defined once.", ["1:14", "4:22"]),
            ("Cannot extend non-input object type \"Query\".", ["1:1", "4:1"]),
            ("Cannot extend non-union type \"S\".", ["2:1", "5:1"]),
            ("Cannot extend non-enum type \"Query\".", ["1:1", "6:1"]),
            ("Field \"S.a\" can only be defined once.", ["3:17", "7:22"]),
            ("Cannot extend non-interface type \"S\".", ["2:1", "7:1"]),
            ("Cannot extend non-scalar type \"Query\".", ["1:1", "8:1"]),
        ]
    ),
    ErrorCase(
        "KnownArgumentNamesOnDirectives",
        "directive @d(alpha: Int, beta: Int) on FIELD_DEFINITION\ntype Query { a: Int @deprecated(reson: \"x\") b: Int @d(alpa: 1, gamma: 2) }\n",
        [
            ("Unknown argument \"reson\" on directive \"@deprecated\". Did you mean \"reason\"?", ["2:33"]),
            ("Unknown argument \"alpa\" on directive \"@d\". Did you mean \"alpha\"?", ["2:55"]),
            ("Unknown argument \"gamma\" on directive \"@d\".", ["2:64"]),
        ]
    ),
    ErrorCase(
        "UniqueArgumentNames",
        "type Query { a: Int @deprecated(reason: \"a\", reason: \"b\") }\n",
        [
            ("There can be only one argument named \"reason\".", ["1:33", "1:46"]),
        ]
    ),
    ErrorCase(
        "UniqueInputFieldNames",
        "input In { a: Int b: In }\ntype Query { f(x: In = {a: 1, a: 2, b: {a: 1, a: 1}}): Int }\n",
        [
            ("There can be only one input field named \"a\".", ["2:25", "2:31"]),
            ("There can be only one input field named \"a\".", ["2:41", "2:47"]),
        ]
    ),
    ErrorCase(
        "ProvidedRequiredArgumentsOnDirectives",
        "directive @d(a: Int!, b: [String!]!, c: Int! = 1, d: Int) on FIELD_DEFINITION\nscalar S @specifiedBy\ntype Query { a: Int @d(d: 1) }\n",
        [
            ("Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided.", ["2:10"]),
            ("Directive \"@d\" argument \"a\" of type \"Int!\" is required, but it was not provided.", ["3:21"]),
            ("Directive \"@d\" argument \"b\" of type \"[String!]!\" is required, but it was not provided.", ["3:21"]),
        ]
    ),
    ErrorCase(
        "rules in document order",
        "type Query @a { b: Strin @c }\ntype Query { d: Int }\nextend type Nope { e: Int }\n",
        [
            ("Unknown directive \"@a\".", ["1:12"]),
            ("Unknown type \"Strin\". Did you mean \"String\"?", ["1:20"]),
            ("Unknown directive \"@c\".", ["1:26"]),
            ("There can be only one type named \"Query\".", ["1:6", "2:6"]),
            ("Cannot extend type \"Nope\" because it is not defined.", ["3:13"]),
        ]
    ),
    ErrorCase(
        "invalid @deprecated reason",
        "type Query { a: Int @deprecated(reason: 1) }\n",
        [
            ("Argument \"reason\" has invalid value 1.", ["1:41"]),
        ]
    ),
    ErrorCase(
        "null @specifiedBy url",
        "type Query { a: Int }\nscalar S @specifiedBy(url: null)\n",
        [
            ("Argument \"url\" of non-null type \"String!\" must not be null.", ["2:28"]),
        ]
    ),
]
