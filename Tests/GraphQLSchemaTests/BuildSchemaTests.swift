import GraphQLLanguage
import GraphQLSchema
import Testing

/// Building schemas from SDL: every kind of `extend`, root types, type-map order, lookups.
@Suite struct BuildSchemaTests {
    static let extended = """
        schema { query: Root }
        extend schema @tag { mutation: Change }
        directive @tag repeatable on SCHEMA | SCALAR | OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT
        "The root"
        type Root { a: Int }
        extend type Root implements Named @tag { name: String }
        type Change { b(flag: Boolean = true): Int }
        interface Named { name: String }
        extend interface Named implements Node { id: ID }
        interface Node { id: ID }
        extend type Root implements Node { id: ID }
        union Thing = Root
        extend union Thing @tag = Change
        enum Size { SMALL }
        extend enum Size @tag { LARGE @deprecated(reason: "too big") }
        input Filter { size: Size = SMALL }
        extend input Filter @tag { limit: Int = 10 }
        scalar Date
        extend scalar Date @tag
        """

    @Test func everyKindOfExtensionApplies() throws {
        let schema = try build(Self.extended)
        #expect(validateSchema(schema).isEmpty)
        let root = try #require(schema.queryType)
        #expect(root.name == "Root")
        #expect(root.description == "The root")
        #expect(root.fields.map(\.name) == ["a", "name", "id"])
        #expect(root.interfaces.map(\.name) == ["Named", "Node"])
        #expect(root.extensionASTNodes.count == 2)
        #expect(schema.mutationType?.name == "Change")
        #expect(schema.extensionASTNodes.count == 1)

        guard case .interface(let named)? = schema.type(named: "Named") else { Issue.record("Named"); return }
        #expect(named.fields.map(\.name) == ["name", "id"])
        #expect(named.interfaces.map(\.name) == ["Node"])

        guard case .union(let thing)? = schema.type(named: "Thing") else { Issue.record("Thing"); return }
        #expect(thing.types.map(\.name) == ["Root", "Change"])

        guard case .enumType(let size)? = schema.type(named: "Size") else { Issue.record("Size"); return }
        #expect(size.values.map(\.name) == ["SMALL", "LARGE"])
        #expect(size.value(named: "LARGE")?.deprecationReason == "too big")

        guard case .inputObject(let filter)? = schema.type(named: "Filter") else { Issue.record("Filter"); return }
        #expect(filter.fields.map(\.name) == ["size", "limit"])
        #expect(filter.field(named: "limit")?.defaultValue == .int(10))
        #expect(filter.field(named: "size")?.defaultValue == .enumValue("SMALL"))

        guard case .scalar(let date)? = schema.type(named: "Date") else { Issue.record("Date"); return }
        #expect(date.extensionASTNodes.count == 1)
    }

    @Test func extendedSchemaPrintsAsGraphQLJSDoes() throws {
        #expect(
            printSchema(try build(Self.extended)) == """
                schema {
                  query: Root
                  mutation: Change
                }

                directive @tag repeatable on SCHEMA | SCALAR | OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT

                \"\"\"The root\"\"\"
                type Root implements Named & Node {
                  a: Int
                  name: String
                  id: ID
                }

                type Change {
                  b(flag: Boolean = true): Int
                }

                interface Named implements Node {
                  name: String
                  id: ID
                }

                interface Node {
                  id: ID
                }

                union Thing = Root | Change

                enum Size {
                  SMALL
                  LARGE @deprecated(reason: "too big")
                }

                input Filter {
                  size: Size = SMALL
                  limit: Int = 10
                }

                scalar Date
                """)
    }

    @Test func conventionalRootNamesWithoutSchemaDefinition() throws {
        let schema = try build("type Query { a: Int }\ntype Mutation { a: Int }\ntype Subscription { a: Int }")
        #expect(schema.queryType?.name == "Query")
        #expect(schema.mutationType?.name == "Mutation")
        #expect(schema.subscriptionType?.name == "Subscription")
        #expect(schema.astNode == nil)
    }

    @Test func conventionalNamesWinOverExtendSchema() throws {
        // As graphql-js: without a schema definition, a type named Mutation is the mutation root.
        let schema = try build("type Query { a: Int }\ntype Mutation { a: Int }\ntype Other { a: Int }\nextend schema { mutation: Other }")
        #expect(schema.mutationType?.name == "Mutation")
    }

    @Test func schemaDefinitionReplacesConventionalNames() throws {
        let schema = try build("schema { query: Root }\ntype Root { a: Int }\ntype Mutation { a: Int }")
        #expect(schema.queryType?.name == "Root")
        #expect(schema.mutationType == nil)
    }

    @Test func specifiedDirectivesAreAddedUnlessRedefined() throws {
        let schema = try build("type Query { a: Int }\ndirective @custom on FIELD\ndirective @skip(if: Boolean!, unless: Boolean) on FIELD")
        #expect(schema.directives.map(\.name) == ["custom", "skip", "include", "deprecated", "specifiedBy", "oneOf"])
        #expect(schema.directive(named: "skip")?.arguments.count == 2)
        #expect(schema.directive(named: "deprecated")?.argument(named: "reason")?.defaultValue == .string("No longer supported"))
    }

    @Test func typeMapKeepsDocumentOrderWithBuiltInsAtFirstReference() throws {
        let schema = try build("type Query { a: Float b: B }\ntype B { c: ID d: Int }\nenum E { X }")
        // As graphql-js's type map: the introspection types come last, reached from __Schema.
        #expect(
            schema.types.map(\.name) == [
                "Query", "Float", "B", "ID", "Int", "E", "Boolean", "String", "__Schema", "__Type", "__TypeKind",
                "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
            ])
    }

    @Test func redefinedSpecifiedScalarIsTheBuiltIn() throws {
        let schema = try build("scalar Int\ntype Query { a: Int }")
        guard case .scalar(let int)? = schema.type(named: "Int") else { Issue.record("Int"); return }
        #expect(int === ScalarType.int)
        #expect(int.coercion != nil)
    }

    @Test func specifiedByComesFromTheDefinitionOnly() throws {
        let schema = try build(
            "type Query { a: Int }\nscalar A @specifiedBy(url: \"https://a\")\nscalar B\nextend scalar B @specifiedBy(url: \"https://b\")")
        guard case .scalar(let a)? = schema.type(named: "A"), case .scalar(let b)? = schema.type(named: "B") else {
            Issue.record("scalars"); return
        }
        #expect(a.specifiedByURL == "https://a")
        #expect(b.specifiedByURL == nil)
    }

    @Test func abstractTypes() throws {
        let schema = try build(
            """
            type Query { n: Node }
            interface Node { id: ID }
            interface Entity implements Node { id: ID }
            type User implements Entity & Node { id: ID }
            type Post implements Node { id: ID }
            union Any = User | Post
            """)
        let node = try #require(schema.type(named: "Node"))
        let entity = try #require(schema.type(named: "Entity"))
        let user = try #require(schema.type(named: "User"))
        let any = try #require(schema.type(named: "Any"))
        #expect(schema.possibleTypes(of: node).map(\.name) == ["User", "Post"])
        #expect(schema.possibleTypes(of: any).map(\.name) == ["User", "Post"])
        guard case .interface(let nodeInterface) = node else { Issue.record("Node"); return }
        #expect(schema.implementations(of: nodeInterface).interfaces.map(\.name) == ["Entity"])
        #expect(schema.isSubType(node, entity))
        #expect(schema.isSubType(node, user))
        #expect(schema.isSubType(any, user))
        #expect(!schema.isSubType(entity, node))
        #expect(!schema.isSubType(any, node))
    }

    @Test func fieldsPointAtTheirTypes() throws {
        let schema = try build("type Query { me: User! friends(first: Int = 10): [User!] }\ntype User { name: String }")
        let me = try #require(schema.queryType?.field(named: "me"))
        guard case .nonNull(.named(.object(let user))) = me.type else { Issue.record("\(me.type)"); return }
        #expect(user.field(named: "name")?.type.description == "String")
        let friends = try #require(schema.queryType?.field(named: "friends"))
        #expect(friends.type.description == "[User!]")
        #expect(friends.argument(named: "first")?.defaultValue == .int(10))
    }

    @Test func oneOfInputObjects() throws {
        let schema = try build("type Query { a(x: In): Int }\ninput In @oneOf { a: Int b: String }\ninput Plain { a: Int }")
        guard case .inputObject(let oneOf)? = schema.type(named: "In"),
            case .inputObject(let plain)? = schema.type(named: "Plain")
        else { Issue.record("inputs"); return }
        #expect(oneOf.isOneOf)
        #expect(!plain.isOneOf)
    }

    @Test func buildsSchemasThatFailValidation() throws {
        // Building accepts what only type-system validation rejects, as graphql-js does.
        let schema = try build("schema { query: In }\ninput In { a: Int }")
        #expect(schema.queryType == nil)
        #expect(schema.rootTypes[.query]?.name == "In")
    }
}
