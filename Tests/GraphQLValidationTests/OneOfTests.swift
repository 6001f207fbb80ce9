import GraphQLValidation
import Testing

/// `@oneOf` input objects (spec §3.10.1 "OneOf Input Objects", §5.6.1, §5.8.5): graphql-js 16
/// lacks them, so these expectations follow the specification, with graphql-js 17's messages.
@Suite struct OneOfTests {
    static let values: [RuleCase] = [
        RuleCase(#"{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: "abc" }) } }"#, []),
        RuleCase(#"{ complicatedArgs { oneOfArgField(oneOfArg: { nested: { requiredField: true } }) } }"#, []),
        RuleCase(
            #"{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: "abc", intField: 123 }) } }"#,
            [.init(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, [(1, 45)])]),
        RuleCase(
            "{ complicatedArgs { oneOfArgField(oneOfArg: {}) } }",
            [.init(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, [(1, 45)])]),
        RuleCase(
            "{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: null }) } }",
            [.init(#"Field "OneOfInput.stringField" must be non-null."#, [(1, 45)])]),
        // Keyed by name as graphql-js keys them: one key, whose value is the last one given.
        RuleCase(
            #"{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: "a", stringField: null }) } }"#,
            [.init(#"Field "OneOfInput.stringField" must be non-null."#, [(1, 45)])]),
        RuleCase(
            "{ complicatedArgs { oneOfArgField(oneOfArg: { nested: {} }) } }",
            [.init(#"Field "ComplexInput.requiredField" of required type "Boolean!" was not provided."#, [(1, 55)])]),
        RuleCase(
            #"query ($o: OneOfInput = { stringField: "a", intField: 1 }) { complicatedArgs { oneOfArgField(oneOfArg: $o) } }"#,
            [.init(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, [(1, 25)])]),
    ]

    @Test(arguments: values)
    func literalsGiveExactlyOneNonNullField(_ ruleCase: RuleCase) {
        ruleCase.check(rules: [ValuesOfCorrectTypeRule()])
    }

    static let variables: [RuleCase] = [
        RuleCase("query ($s: String!) { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $s }) } }", []),
        RuleCase("query ($o: OneOfInput) { complicatedArgs { oneOfArgField(oneOfArg: $o) } }", []),
        RuleCase(
            "query ($s: String) { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $s }) } }",
            [
                .init(
                    #"Variable "$s" is of type "String" but must be non-nullable to be used for OneOf Input Object "OneOfInput"."#,
                    [(1, 8), (1, 79)])
            ]),
        // A default value does not make the variable non-null.
        RuleCase(
            #"query ($s: String = "x") { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $s }) } }"#,
            [
                .init(
                    #"Variable "$s" is of type "String" but must be non-nullable to be used for OneOf Input Object "OneOfInput"."#,
                    [(1, 8), (1, 85)])
            ]),
        RuleCase(
            "query ($i: Int) { complicatedArgs { nonNullOneOfArgField(oneOfArg: { intField: $i }) } }",
            [
                .init(
                    #"Variable "$i" is of type "Int" but must be non-nullable to be used for OneOf Input Object "OneOfInput"."#,
                    [(1, 8), (1, 80)])
            ]),
    ]

    @Test(arguments: variables)
    func variablesForOneOfFieldsAreNonNull(_ ruleCase: RuleCase) {
        ruleCase.check(rules: [VariablesInAllowedPositionRule()])
    }

    @Test func allRulesReportOneOfErrorsOnce() {
        let errors = validationErrors(
            #"{ complicatedArgs { oneOfArgField(oneOfArg: { stringField: "abc", intField: 123 }) } }"#)
        #expect(errors == [.init(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, [(1, 45)])])
    }
}
