import GraphQLLanguage
import GraphQLValidation
import Testing

/// OverlappingFieldsCanBeMerged on documents that make a naive search quadratic or
/// exponential. Each test checks the result; the time is printed, not asserted.
@Suite struct OverlappingFieldsScaleTests {
    private func timed(_ label: String, _ document: String, maxErrors: Int = 100) -> [ExpectedError] {
        let clock = ContinuousClock()
        var errors: [ExpectedError] = []
        let elapsed = clock.measure { errors = validationErrors(document, maxErrors: maxErrors) }
        print("\(label): \(elapsed)")
        return errors
    }

    private func repeated(_ count: Int, _ make: (Int) -> String) -> String {
        (1...count).map(make).joined(separator: " ")
    }

    @Test func thousandRepeatedIdenticalFields() {
        #expect(timed("1,000 repeated leaf fields", "{ dog { \(repeated(1000) { _ in "name" }) } }").isEmpty)
        let nested = repeated(1000) { _ in "mother { name father { barks } }" }
        #expect(timed("1,000 repeated fields with subselections", "{ dog { \(nested) } }").isEmpty)
    }

    @Test func thousandAliasedFields() {
        #expect(timed("1,000 distinct aliases", "{ dog { \(repeated(1000) { "a\($0): name" }) } }").isEmpty)
        #expect(timed("1,000 fields under one alias", "{ dog { \(repeated(1000) { _ in "x: name" }) } }").isEmpty)
        let arguments = repeated(1000) { _ in "k: doesKnowCommand(dogCommand: SIT)" }
        #expect(timed("1,000 aliased fields with arguments", "{ dog { \(arguments) } }").isEmpty)
    }

    @Test func thousandSpreadsOfOneFragment() {
        let document = "{ dog { \(repeated(1000) { _ in "...F" }) } } fragment F on Dog { name mother { name } }"
        #expect(timed("1,000 spreads of one fragment", document).isEmpty)
        let inline = "{ dog { \(repeated(1000) { _ in "... on Dog { name mother { name } }" }) } }"
        #expect(timed("1,000 identical inline fragments", inline).isEmpty)
    }

    @Test func deeplyNestedFragmentChains() {
        let chain = (0..<1000).map { "fragment F\($0) on Dog { name mother { name } ...F\($0 + 1) }" }
            .joined(separator: "\n")
        let document = "{ dog { ...F0 } }\n\(chain)\nfragment F1000 on Dog { name }"
        #expect(timed("chain of 1,000 fragments", document).isEmpty)

        let nested = (0..<200).map { "fragment N\($0) on Dog { mother { ...N\($0 + 1) } mother { ...N\($0 + 1) } }" }
            .joined(separator: "\n")
        let doubling = "{ dog { ...N0 } }\n\(nested)\nfragment N200 on Dog { name }"
        #expect(timed("200 fragments each spread twice in repeated fields", doubling).isEmpty)
    }

    @Test func deeplyNestedRepeatedFields() {
        var tree = "name"
        for _ in 0..<12 { tree = "mother { \(tree) } mother { \(tree) }" }
        #expect(timed("12 levels of two copies (8,191 fields)", "{ dog { \(tree) } }").isEmpty)
        var chain = "name"
        for _ in 0..<150 { chain = "mother { \(chain) }" }
        let copies = repeated(20) { _ in chain }
        #expect(timed("20 copies of a 150-deep selection", "{ dog { \(copies) } }").isEmpty)
    }

    @Test func thousandConflictsStopAtTheLimit() {
        let document = "{ dog { \(repeated(1000) { _ in "x: name" }) x: nickname } }"
        let errors = timed("1,000 fields conflicting with one", document)
        #expect(errors.count == 101)
        #expect(
            errors.first
                == .init(
                    #"Fields "x" conflict because "name" and "nickname" are different fields. Use different aliases on the fields to fetch both if this was intentional."#,
                    [(1, 9), (1, 8009)]))
        #expect(errors.last?.message == "Too many validation errors, error limit reached. Validation aborted.")
    }
}
