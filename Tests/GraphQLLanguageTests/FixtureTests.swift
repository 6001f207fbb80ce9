import Foundation
import Testing

@testable import GraphQLLanguage

/// `Tests/Fixtures`, found from this file's path so the tests run from any directory.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixturesDirectory.appendingPathComponent(name), encoding: .utf8)
}

/// Executable fixtures whose canonical form is `<name>.printed.graphql`.
let executableFixtures = ["kitchen-sink", "executable-descriptions"]

/// Every `.graphql` fixture and corpus document, each of which must survive a round trip.
let allFixtureDocuments: [String] = {
    let manager = FileManager.default
    let top = (try? manager.contentsOfDirectory(atPath: fixturesDirectory.path)) ?? []
    let corpus = (try? manager.contentsOfDirectory(atPath: fixturesDirectory.appendingPathComponent("corpus").path)) ?? []
    return (top.filter { $0.hasSuffix(".graphql") } + corpus.filter { $0.hasSuffix(".graphql") }.map { "corpus/" + $0 })
        .sorted()
}()

@Suite struct FixtureTests {
    @Test(arguments: executableFixtures)
    func printsCanonicalLayout(name: String) throws {
        let document = try parse(Source(body: try fixture(name + ".graphql"), name: name))
        var expected = try fixture(name + ".printed.graphql")
        if expected.hasSuffix("\n") { expected.removeLast() }  // files may end with a newline; print does not
        #expect(Printer.print(document) == expected)
    }

    @Test func fixturesArePresent() {
        #expect(allFixtureDocuments.count >= 10, "fixtures missing from \(fixturesDirectory.path)")
    }

    /// parse → print → parse yields the same AST, and printing is idempotent.
    @Test(arguments: allFixtureDocuments)
    func roundTrip(name: String) throws {
        let original = try parse(Source(body: try fixture(name), name: name))
        let printed = Printer.print(original)
        let reparsed = try parse(Source(body: printed, name: name))
        #expect(reparsed == original)
        #expect(Printer.print(reparsed) == printed)
    }
}

@Suite struct PrinterTests {
    @Test(arguments: [
        ("", #""""""""#),
        ("simple", #""""simple""""#),
        ("  leading space", #""""  leading space""""#),
        ("trailing quote\"", "\"\"\"\ntrailing quote\"\n\"\"\""),
        ("trailing slash\\", "\"\"\"\ntrailing slash\\\n\"\"\""),
        ("contains \"\"\" triple", #""""contains \""" triple""""#),
        ("ends with \"\"\"", "\"\"\"\nends with \\\"\"\"\n\"\"\""),
        ("two\nlines", "\"\"\"\ntwo\nlines\n\"\"\""),
        ("first\n  indented", "\"\"\"\nfirst\n  indented\n\"\"\""),
        ("\n  all indented", "\"\"\"\n\n  all indented\n\"\"\""),
        (String(repeating: "x", count: 71), "\"\"\"\n" + String(repeating: "x", count: 71) + "\n\"\"\""),
    ])
    func blockStrings(value: String, printed: String) {
        #expect(BlockString.print(value) == printed)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote \" and backslash \\", #""quote \" and backslash \\""#),
        ("\u{0}\u{8}\t\n\u{B}\u{C}\r\u{1F}", #""\u0000\b\t\n\u000B\f\r\u001F""#),
        ("\u{7F}\u{80}\u{9F}\u{A0}", "\"\\u007F\\u0080\\u009F\u{A0}\""),
        ("é 😀 \"\u{301}", "\"é 😀 \\\"\u{301}\""),
    ])
    func strings(value: String, printed: String) {
        #expect(Printer.printString(value) == printed)
    }

    @Test(arguments: [
        (true, "a"), (true, "a\nb"), (false, "\na"), (false, "a\n"), (false, "  a\n  b"), (true, "a\n  b"),
        (false, "a\u{7}"), (false, "a\rb"), (true, "  a"), (true, ""),
    ])
    func printableAsBlockString(expected: Bool, value: String) {
        #expect(BlockString.isPrintable(value) == expected)
    }

    @Test func wrapsLongArgumentListsAt80Columns() throws {
        let short = try parse("{ f(a: 1, b: 2) }")
        #expect(Printer.print(short) == "{\n  f(a: 1, b: 2)\n}")
        let long = try parse(#"{ field(argumentNumberOne: "aaaaaaaaaaaaaaaa", argumentNumberTwo: "bbbbbbbbbbbbbbbbbbb") }"#)
        #expect(
            Printer.print(long)
                == "{\n  field(\n    argumentNumberOne: \"aaaaaaaaaaaaaaaa\"\n    argumentNumberTwo: \"bbbbbbbbbbbbbbbbbbb\"\n  )\n}")
    }
}
