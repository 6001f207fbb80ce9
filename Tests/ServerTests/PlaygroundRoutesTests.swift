import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import Server

/// `/`, `/playground` and `/playground/NAME`: the playground's files, from the copy the build
/// puts beside the test executable, compared with the sources in `playground/`.
@Suite struct PlaygroundRoutesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Server/Playground")

    static func source(_ name: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "missing \(name)"
    }

    static let csp =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    struct FileCase: Sendable, CustomTestStringConvertible {
        var uri: String
        var file: String
        var contentType: String
        var testDescription: String { uri }
    }

    static let files: [FileCase] = [
        FileCase(uri: "/", file: "index.html", contentType: "text/html; charset=utf-8"),
        FileCase(uri: "/playground", file: "index.html", contentType: "text/html; charset=utf-8"),
        FileCase(uri: "/playground/", file: "index.html", contentType: "text/html; charset=utf-8"),
        FileCase(uri: "/playground/index.html", file: "index.html", contentType: "text/html; charset=utf-8"),
        FileCase(uri: "/playground/app.js", file: "app.js", contentType: "text/javascript; charset=utf-8"),
        FileCase(uri: "/playground/parser.js", file: "parser.js", contentType: "text/javascript; charset=utf-8"),
        FileCase(uri: "/playground/playground.css", file: "playground.css", contentType: "text/css; charset=utf-8"),
        FileCase(uri: "/playground/favicon.svg", file: "favicon.svg", contentType: "image/svg+xml"),
    ]

    @Test("serves each file with its type, a strict CSP and an ETag", arguments: files)
    func servesFile(_ file: FileCase) async throws {
        try await makeTestServer().test(.router) { client in
            let response = try await client.execute(uri: file.uri, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == file.contentType)
            #expect(response.headers[.contentSecurityPolicy] == Self.csp)
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(String(buffer: response.body) == Self.source(file.file))
            let etag = try #require(response.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 18)

            let again = try await client.execute(uri: file.uri, method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.headers[.eTag] == etag)
            #expect(again.body.readableBytes == 0)
            let stale = try await client.execute(uri: file.uri, method: .get, headers: [.ifNoneMatch: "\"0\""])
            #expect(stale.status == .ok)
        }
    }

    @Test("the page loads only its own files, by absolute path")
    func pageReferencesOwnFilesOnly() {
        let page = Self.source("index.html")
        for reference in ["/playground/playground.css", "/playground/app.js", "/playground/favicon.svg"] {
            #expect(page.contains("\"\(reference)\""))
        }
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("//cdn"))
        #expect(!page.contains("<style") && !page.contains("style=") && !page.contains("<script>"))
    }

    @Test(
        "unknown names and traversal attempts get 404",
        arguments: [
            "/playground/nope.js", "/playground/README.md", "/playground/.DS_Store", "/playground/..",
            "/playground/../Package.swift", "/playground/..%2F..%2FPackage.swift", "/playground/%2e%2e%2fServer.swift",
            "/playground/..%2fPlaygroundFiles.swift", "/playground/sub/app.js", "/playground/%2Fetc%2Fpasswd",
            "/playground/app.js%00.html", "/playground/..%5c..%5cPackage.swift", "/../Package.swift",
        ])
    func notFound(uri: String) async throws {
        try await makeTestServer().test(.router) { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .notFound)
            let body = String(buffer: response.body)
            #expect(!body.contains("swift-tools-version") && !body.contains("import ") && !body.contains("root:"))
        }
    }

    @Test(
        "only plain names in the folder are servable",
        arguments: [
            ("app.js", true), ("playground.css", true), ("a-b_c.svg", true), (".hidden", false), ("..", false),
            ("../app.js", false), ("a/b.js", false), ("a\\b.js", false), ("noext", false), ("a..js", false),
            ("", false), ("é.js", false), ("a%2f.js", false),
        ])
    func servableNames(name: String, servable: Bool) {
        #expect(PlaygroundFiles.isServableName(name) == servable)
    }

    @Test("a missing folder leaves GraphQL up and says where it looked")
    func missingFolder() async throws {
        let configuration = ServerConfiguration(playgroundDirectory: URL(fileURLWithPath: "/nonexistent/playground"))
        try await makeTestServer(configuration: configuration).test(.router) { client in
            let page = try await client.execute(uri: "/playground", method: .get)
            #expect(page.status == .serviceUnavailable)
            #expect(
                String(buffer: page.body)
                    == "The playground is unavailable: cannot read the playground folder /nonexistent/playground; "
                    + "set CHORUS_PLAYGROUND_DIR to the playground/ folder\n")
            let query = try await client.execute(
                uri: "/graphql?query=%7Bhello%7D", method: .get, headers: [.accept: "application/json"])
            #expect(query.status == .ok)
        }
    }

    @Test("the files are counted under one route label")
    func metricsRoute() async throws {
        let registry = PrometheusCollectorRegistry()
        try await makeTestServer(registry: registry).test(.router) { client in
            _ = try await client.execute(uri: "/playground/app.js", method: .get)
            _ = try await client.execute(uri: "/playground/nope.js", method: .get)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            #expect(metrics.contains(#"chorus_http_requests_total{route="/playground/{file}",status="200"} 1"#))
            #expect(metrics.contains(#"chorus_http_requests_total{route="/playground/{file}",status="404"} 1"#))
        }
    }

    @Test("the files stay small (the issue's budget: under 200 KB)")
    func totalSize() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
        let total = try names.reduce(0) { sum, name in
            sum + ((try FileManager.default.attributesOfItem(atPath: Self.folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0)
        }
        #expect(total < 200_000)
    }

    @Test("the page's parser, printer and validator agree with graphql-js (node)")
    func languageAgainstGraphQLJS() throws {
        let script = Self.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/ServerTests/Playground/against-graphql-js.mjs")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", script.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.hasPrefix("ok: "), "\(text)")
    }
}
