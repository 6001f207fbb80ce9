import Foundation
import StoreTestSupport
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

        let server = try await ChorusServer.start(environment: try await HTTPEndToEndTests.seeded.value)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("playground-browser-\(UUID()).log").path
        let environment = ProcessInfo.processInfo.environment
        let status: Int32
        do {
            guard
                let pid = spawnInBackground(
                    [
                        python, script, "--url", "http://127.0.0.1:\(server.port)", "--screenshots", screenshots,
                        "--token", ChorusServer.adminToken,
                    ],
                    environment: [
                        "PATH": environment["PATH"] ?? "/usr/bin:/bin", "HOME": environment["HOME"] ?? "/tmp",
                        // Selenium must not look for drivers on the network: they are given.
                        "SE_OFFLINE": "true",
                    ],
                    log: log)
            else { throw ChorusServerError("cannot start \(python)") }
            status = try await waitForExit(pid)
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await server.stop() == 0)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "the browser test failed:\n\(output)")
        for line in [
            "ok 1 loaded", "ok 2 completion", "ok 3 result-and-trace", "ok 4 validation", "ok 5 docs-medical-record",
            "ok 6 tabs", "ok 7 history-after-reload", "no foreign requests", "ok no console errors", "PASS",
        ] {
            #expect(output.contains(line), "missing \(line) in:\n\(output)")
        }
    }
}
