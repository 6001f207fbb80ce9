import Foundation
import Testing

/// The playground in a real headless Chromium, against `chorus serve` over the seeded stack:
/// `Browser/playground_test.py` types, completes, runs, reads the trace, browses the docs,
/// switches tabs and reloads, saving a screenshot of each step under `.chorus/screenshots/`,
/// and checks that the page asked no host but Chorus for anything.
///
/// Chromium and chromedriver come from apt and selenium (pinned) from PyPI, into
/// `.chorus/browser/venv`: `scripts/test` installs them.
@Suite(.serialized) struct PlaygroundBrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func typeRunBrowseSwitchTabsAndReload() async throws {
        let python = Self.root.appendingPathComponent(".chorus/browser/venv/bin/python").path
        let script = Self.root.appendingPathComponent("Tests/EndToEndTests/Browser/playground_test.py").path
        let screenshots = Self.root.appendingPathComponent(".chorus/screenshots").path
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "no selenium environment at \(python): run the tests with scripts/test")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"), "chromium-driver is not installed")

        // Selenium must not look for drivers on the network: they are given.
        let (status, output) = try await HTTPEndToEndTests.runClient(
            named: "playground-browser", environment: ["SE_OFFLINE": "true"]
        ) { url in
            [python, script, "--url", url, "--screenshots", screenshots, "--token", ChorusServer.adminToken]
        }
        #expect(status == 0, "the browser test failed:\n\(output)")
        for line in [
            "ok 1 loaded", "ok 2 completion", "ok 3 result-and-trace", "ok 4 validation", "ok 5 docs-medical-record",
            "ok 6 tabs", "ok 7 history-after-reload", "no foreign requests", "ok no console errors", "PASS",
        ] {
            #expect(output.contains(line), "missing \(line) in:\n\(output)")
        }
    }
}
