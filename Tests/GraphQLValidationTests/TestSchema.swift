import GraphQLLanguage
import GraphQLSchema

/// The schema every rule test validates against: pets and humans, as graphql-js's rule tests
/// use, with interfaces, unions, enums, input objects (one `@oneOf`), lists, non-null types,
/// custom directives, deprecations and arguments of every kind.
///
/// `generate-expectations.mjs` reads this SDL too, to run graphql-js on the same schema.
let testSchemaSDL = """
    schema {
      query: QueryRoot
      mutation: MutationRoot
      subscription: SubscriptionRoot
    }

    directive @onQuery on QUERY
    directive @onMutation on MUTATION
    directive @onSubscription on SUBSCRIPTION
    directive @onField on FIELD
    directive @onFragmentDefinition on FRAGMENT_DEFINITION
    directive @onFragmentSpread on FRAGMENT_SPREAD
    directive @onInlineFragment on INLINE_FRAGMENT
    directive @onVariableDefinition on VARIABLE_DEFINITION
    directive @repeatable repeatable on FIELD | FRAGMENT_SPREAD
    directive @withArgs(required: Int!, optional: String = "x", deprecatedArg: Int @deprecated(reason: "Gone")) on FIELD

    scalar JSON

    interface Mammal {
      mother: Mammal
      father: Mammal
    }

    interface Pet {
      name(surname: Boolean): String
    }

    interface Canine implements Mammal {
      name(surname: Boolean): String
      mother: Canine
      father: Canine
    }

    enum DogCommand {
      SIT
      HEEL
      DOWN
      ROLL_OVER @deprecated(reason: "Too hard")
    }

    type Dog implements Pet & Mammal & Canine {
      name(surname: Boolean): String
      nickname: String
      barkVolume: Int
      barks: Boolean
      doesKnowCommand(dogCommand: DogCommand): Boolean
      isHouseTrained(atOtherHomes: Boolean = true): Boolean
      isAtLocation(x: Int, y: Int): Boolean
      mother: Dog
      father: Dog
      oldName: String @deprecated(reason: "Use name")
    }

    type Cat implements Pet {
      name(surname: Boolean): String
      nickname: String
      meows: Boolean
      meowsVolume: Int
      furColor: FurColor
    }

    union CatOrDog = Cat | Dog

    type Human {
      name(surname: Boolean): String
      pets: [Pet]
      relatives: [Human]!
      iq: Int
    }

    type Alien {
      name(surname: Boolean): String
      numEyes: Int
    }

    union DogOrHuman = Dog | Human
    union HumanOrAlien = Human | Alien

    enum FurColor {
      BROWN
      BLACK
      TAN
      SPOTTED
      NO_FUR
      UNKNOWN
    }

    input ComplexInput {
      requiredField: Boolean!
      nonNullField: Boolean! = false
      intField: Int
      stringField: String
      booleanField: Boolean
      stringListField: [String]
      oldField: String @deprecated(reason: "Use stringField")
    }

    input OneOfInput @oneOf {
      stringField: String
      intField: Int
      nested: ComplexInput
    }

    type ComplicatedArgs {
      intArgField(intArg: Int): String
      nonNullIntArgField(nonNullIntArg: Int!): String
      stringArgField(stringArg: String): String
      booleanArgField(booleanArg: Boolean): String
      enumArgField(enumArg: FurColor): String
      floatArgField(floatArg: Float): String
      idArgField(idArg: ID): String
      jsonArgField(jsonArg: JSON): String
      stringListArgField(stringListArg: [String]): String
      stringListNonNullArgField(stringListNonNullArg: [String!]): String
      complexArgField(complexArg: ComplexInput): String
      oneOfArgField(oneOfArg: OneOfInput): String
      nonNullOneOfArgField(oneOfArg: OneOfInput!): String
      multipleReqs(req1: Int!, req2: Int!): String
      nonNullFieldWithDefault(arg: Int! = 0): String
      multipleOpts(opt1: Int = 0, opt2: Int = 0): String
      multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
      deprecatedArgField(oldArg: Int @deprecated(reason: "Use newArg"), newArg: Int): String
    }

    type QueryRoot {
      human(id: ID): Human
      alien: Alien
      dog: Dog
      cat: Cat
      pet: Pet
      catOrDog: CatOrDog
      dogOrHuman: DogOrHuman
      humanOrAlien: HumanOrAlien
      complicatedArgs: ComplicatedArgs
      mammal: Mammal
    }

    type MutationRoot {
      addPet(name: String!): Pet
    }

    type SubscriptionRoot {
      newDog: Dog
      newCat: Cat
      importantEmails: [String]
    }
    """

/// The test schema, built once.
let testSchema: Schema = {
    do {
        return try buildSchema(Source(body: testSchemaSDL))
    } catch {
        fatalError("The test schema does not build: \(error)")
    }
}()
