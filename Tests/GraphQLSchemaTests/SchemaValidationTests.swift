import GraphQLLanguage
import GraphQLSchema
import Testing

/// Type-system validation (`validateSchema`): exact messages, locations and order
/// (expectations produced by graphql-js 16.6, plus the graphql-js 17 rules for distinct root
/// types and one-of input objects).
@Suite struct SchemaValidationTests {
    @Test(arguments: schemaValidationCases)
    func reportsEveryErrorInOrder(_ testCase: ErrorCase) throws {
        let schema = try build(testCase.sdl)
        #expect(validateSchema(schema).map(ExpectedError.init) == testCase.errors)
    }

    @Test func validSchemaHasNoErrors() throws {
        let schema = try build(
            """
            interface Node { id: ID! }
            interface Entity implements Node { id: ID! name(upper: Boolean): String }
            type Query implements Entity & Node { id: ID! name(upper: Boolean, locale: String = "en"): String! }
            union Result = Query
            input Filter @oneOf { id: ID name: String }
            input Tree { children: [Tree!]! parent: Tree }
            """)
        #expect(validateSchema(schema).isEmpty)
    }

    @Test func resultIsKeptOnTheSchema() throws {
        let schema = try build("type A { a: Int }")
        #expect(validateSchema(schema) == validateSchema(schema))
        #expect(validateSchema(schema).count == 1)
    }
}

let schemaValidationCases: [ErrorCase] = [
    ErrorCase(
        "no query type",
        "type A { a: Int }\n",
        [
            ("Query root type must be provided.", []),
        ]
    ),
    ErrorCase(
        "no query type in schema definition",
        "type M { a: Int }\nschema { mutation: M }\n",
        [
            ("Query root type must be provided.", ["2:1"]),
        ]
    ),
    ErrorCase(
        "query root not an object",
        "schema { query: I }\ninterface I { a: Int }\n",
        [
            ("Query root type must be Object type, it cannot be I.", ["1:17"]),
        ]
    ),
    ErrorCase(
        "mutation and subscription roots not objects",
        "type Query { a: Int }\ninput Mutation { a: Int }\nunion Subscription = Query\n",
        [
            ("Mutation root type must be Object type if provided, it cannot be Mutation.", ["2:1"]),
            ("Subscription root type must be Object type if provided, it cannot be Subscription.", ["3:1"]),
        ]
    ),
    ErrorCase(
        "reserved names",
        "type Query { __a(__b: Int): Int }\ntype __T { a: Int }\nenum E { __V }\ninput In { __f: Int }\ndirective @__d(__x: Int) on FIELD\n",
        [
            ("Name \"__d\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["5:1"]),
            ("Name \"__x\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["5:16"]),
            ("Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["1:14"]),
            ("Name \"__b\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["1:18"]),
            ("Name \"__T\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["2:1"]),
            ("Name \"__V\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["3:10"]),
            ("Name \"__f\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["4:12"]),
        ]
    ),
    ErrorCase(
        "directive arguments",
        "type Query { a: Int }\ndirective @d(a: Query, b: Int! @deprecated, c: Int! = 1 @deprecated) on FIELD\n",
        [
            ("The type of @d(a:) must be Input Type but got: Query.", ["2:14"]),
            ("Required argument @d(b:) cannot be deprecated.", ["2:32", "2:27"]),
        ]
    ),
    ErrorCase(
        "types without members",
        "type Query\ninterface I\ndirective @tag on INTERFACE | OBJECT\nextend interface I @tag\nunion U\nenum E\ninput In\n",
        [
            ("Type Query must define one or more fields.", ["1:1"]),
            ("Type I must define one or more fields.", ["2:1", "4:1"]),
            ("Union type U must define one or more member types.", ["5:1"]),
            ("Enum type E must define one or more values.", ["6:1"]),
            ("Input Object type In must define one or more fields.", ["7:1"]),
        ]
    ),
    ErrorCase(
        "field and argument types",
        "type Query { a: In b(x: Query, y: [Query!]): Int c(r: Int! @deprecated(reason: \"old\")): Int }\ninput In { a: Query, b: Int! @deprecated }\n",
        [
            ("The type of Query.a must be Output Type but got: In.", ["1:17"]),
            ("The type of Query.b(x:) must be Input Type but got: Query.", ["1:25"]),
            ("The type of Query.b(y:) must be Input Type but got: [Query!].", ["1:35"]),
            ("Required argument Query.c(r:) cannot be deprecated.", ["1:60", "1:55"]),
            ("The type of In.a must be Input Type but got: Query.", ["2:15"]),
            ("Required input field In.b cannot be deprecated.", ["2:30", "2:25"]),
        ]
    ),
    ErrorCase(
        "implements non-interfaces, itself, twice",
        "type Query implements Query & I & I { a: Int }\ninterface I implements I { a: Int }\n",
        [
            ("Type Query must only implement Interface types, it cannot implement Query.", ["1:23"]),
            ("Type Query can only implement I once.", ["1:31", "1:35"]),
            ("Type I cannot implement itself because it would create a circular reference.", ["2:24"]),
        ]
    ),
    ErrorCase(
        "transitive and circular interfaces",
        "type Query implements B { a: Int }\ninterface A implements B { a: Int }\ninterface B implements A { a: Int }\n",
        [
            ("Type Query must implement A because it is implemented by B.", ["3:24", "1:23"]),
            ("Type A cannot implement B because it would create a circular reference.", ["3:24", "2:24"]),
            ("Type B cannot implement A because it would create a circular reference.", ["2:24", "3:24"]),
        ]
    ),
    ErrorCase(
        "interface fields",
        "interface I { a: Int b(x: Int, y: String): [Int]! c: I d: Int }\ntype Query implements I { b(x: String, z: Int!): [Int!]! c: Query d: String }\ndirective @tag on OBJECT\nextend type Query @tag\n",
        [
            ("Interface field I.a expected but Query does not provide it.", ["1:15", "2:1", "4:1"]),
            ("Interface field argument I.b(x:) expects type Int but Query.b(x:) is type String.", ["1:27", "2:32"]),
            ("Interface field argument I.b(y:) expected but Query.b does not provide it.", ["1:32", "2:27"]),
            ("Object field Query.b includes required argument z that is missing from the Interface field I.b.", ["2:40", "1:22"]),
            ("Interface field I.d expects type Int but Query.d is type String.", ["1:59", "2:70"]),
        ]
    ),
    ErrorCase(
        "covariant field types",
        "interface I { a: I b: [I] c: I! d: Int }\ntype Query implements I { a: Query b: [Query!]! c: Query d: Int! }\n",
        [
            ("Interface field I.c expects type I! but Query.c is type Query.", ["1:30", "2:52"]),
        ]
    ),
    ErrorCase(
        "union members",
        "type Query { a: Int }\nunion U = Query | Query | I | S\nextend union U = I\ninterface I { a: Int }\nscalar S\n",
        [
            ("Union type U can only include type Query once.", ["2:11", "2:19"]),
            ("Union type U can only include Object types, it cannot include I.", ["2:27", "3:18"]),
            ("Union type U can only include Object types, it cannot include S.", ["2:31"]),
            ("Union type U can only include type I once.", ["2:27", "3:18"]),
        ]
    ),
    ErrorCase(
        "input object cycles",
        "type Query { a: Int }\ninput A { b: B! self: A! list: [A!]! }\ninput B { c: C! a: A }\ninput C { a: A! }\n",
        [
            ("Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.c.a\".", ["2:11", "3:11", "4:11"]),
            ("Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"self\".", ["2:17"]),
        ]
    ),
    ErrorCase(
        "root types must be distinct (graphql-js 17)",
        "schema { query: Q mutation: Q subscription: Q }\ntype Q { a: Int }\ntype M { a: Int }\n",
        [
            ("All root types must be different, \"Q\" type is used as query, mutation, and subscription root types.", ["1:17", "1:29", "1:45"]),
        ]
    ),
    ErrorCase(
        "two roots share a type (graphql-js 17)",
        "type Query { a: Int }\nextend schema { mutation: Query }\n",
        [
            ("All root types must be different, \"Query\" type is used as query and mutation root types.", ["2:27"]),
        ]
    ),
    ErrorCase(
        "one-of input fields are nullable without defaults (graphql-js 17)",
        "type Query { a(x: In): Int }\ninput In @oneOf { a: Int! b: Int = 1 c: Int }\n",
        [
            ("OneOf input field In.a must be nullable.", ["2:22"]),
            ("OneOf input field In.b cannot have a default value.", ["2:27"]),
        ]
    ),
]
