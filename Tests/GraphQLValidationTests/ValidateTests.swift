import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Testing

/// `validate` itself: the error limit, errors graphql-js throws, and rule order.
@Suite struct ValidateTests {
    @Test func stopsAtTheErrorLimit() {
        let document = "{ " + (1...5).map { "f\($0)" }.joined(separator: " ") + " }"
        let errors = validationErrors(document, maxErrors: 3)
        #expect(
            errors.map(\.message) == [
                #"Cannot query field "f1" on type "QueryRoot"."#,
                #"Cannot query field "f2" on type "QueryRoot"."#,
                #"Cannot query field "f3" on type "QueryRoot"."#,
                "Too many validation errors, error limit reached. Validation aborted.",
            ])
        #expect(errors.last?.locations == [])
    }

    @Test func limitCountsConflictsToo() {
        let fields = (1...10).map { "x: f\($0)" }.joined(separator: " ")
        let errors = validationErrors("fragment F on Dog { \(fields) }", rules: [OverlappingFieldsCanBeMergedRule()], maxErrors: 2)
        #expect(errors.count == 3)
        #expect(errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
    }

    /// graphql-js's `validate` throws here, collecting fields as execution would with no
    /// variables; we report that error and stop.
    @Test func subscriptionConditionOnAVariableEndsValidation() {
        let errors = validationErrors(
            "subscription ($v: Boolean!) { newDog @skip(if: $v) { name } newCat { name } }",
            rules: [SingleFieldSubscriptionsRule(), ScalarLeafsRule()])
        #expect(
            errors == [
                .init(
                    #"Argument "if" of required type "Boolean!" was provided the variable "$v" which was not provided a runtime value."#,
                    [(1, 48)])
            ])
    }

    @Test func customRulesRunInTheOrderGiven() {
        let errors = validationErrors(
            "{ dog { unknown oldName } }",
            rules: [NoDeprecatedCustomRule(), FieldsOnCorrectTypeRule()])
        #expect(
            errors.map(\.message) == [
                #"Cannot query field "unknown" on type "Dog"."#,
                "The field Dog.oldName is deprecated. Use name",
            ])
    }

    @Test func documentsWithoutSourceHaveNoLocations() throws {
        let document = try parse("{ unknown }")
        let errors = validate(schema: testSchema, document: document)
        #expect(errors.map(\.message) == [#"Cannot query field "unknown" on type "QueryRoot"."#])
        #expect(errors[0].locations.isEmpty)
    }
}
