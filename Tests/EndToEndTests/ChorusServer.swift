import Foundation
import Gateway
import StoreTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `chorus serve` process on a port of its own, over the stack's servers, reached over
/// HTTP: the end-to-end tests see exactly what a client sees.
struct ChorusServer {
    let pid: pid_t
    let port: Int
    let log: String

    /// The store URLs `scripts/test` exports, with their database names replaced.
    static func storeEnvironment(database: String, redisDatabase: Int, mongoURL: String? = nil) throws -> [String: String] {
        let environment = ProcessInfo.processInfo.environment
        func replacingDatabase(_ name: String, with database: String) throws -> String {
            guard let url = environment[name], let slash = url.lastIndex(of: "/") else {
                throw ChorusServerError("\(name) is not set: run the tests with scripts/test")
            }
            return url[...slash] + database
        }
        return [
            "DATABASE_URL": try replacingDatabase("DATABASE_URL", with: database),
            "MONGODB_URL": try mongoURL ?? replacingDatabase("MONGODB_URL", with: database),
            "REDIS_URL": try replacingDatabase("REDIS_URL", with: String(redisDatabase)),
            "PATH": environment["PATH"] ?? "/usr/bin:/bin",
            "SWIFT_BACKTRACE": "enable=no",
        ]
    }

    /// The `chorus` executable `swift build` made next to the test bundle.
    static var executable: String {
        let folder = Bundle.main.executableURL?.deletingLastPathComponent().path ?? ".build/debug"
        return folder + "/chorus"
    }

    static func run(_ arguments: [String], environment: [String: String]) async throws -> Int32 {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-\(UUID()).log").path
        guard let pid = spawnInBackground([executable] + arguments, environment: environment, log: log) else {
            throw ChorusServerError("cannot start \(executable)")
        }
        return try await waitForExit(pid)
    }

    /// Starts `chorus serve` on a free port and waits until `/health` answers. Ports come
    /// from below Linux's ephemeral range (32768 and up), and a port found taken is replaced.
    /// `niceness` runs it under `nice -n` (a negative one needs root; without, it runs as is).
    static func start(
        environment: [String: String], arguments: [String] = [], waitForHealthy: Bool = true, niceness: Int? = nil
    ) async throws -> ChorusServer {
        var failure: (any Error)?
        for _ in 0..<5 {
            do {
                return try await start(
                    port: Int.random(in: 20_000..<32_000), environment: environment, arguments: arguments,
                    waitForHealthy: waitForHealthy, niceness: niceness)
            } catch let error as PortTaken {
                failure = error
            }
        }
        throw failure!
    }

    private struct PortTaken: Error {}

    private static func start(
        port: Int, environment: [String: String], arguments: [String], waitForHealthy: Bool, niceness: Int?
    ) async throws -> ChorusServer {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-serve-\(port).log").path
        // `nice` executes the command in its own process: the pid is chorus serve's.
        let nice = niceness.map { ["/usr/bin/nice", "-n", String($0)] } ?? []
        guard let pid = spawnInBackground(
            nice + [executable, "serve", "--port", String(port)] + arguments, environment: environment, log: log)
        else { throw ChorusServerError("cannot start \(executable)") }
        let server = ChorusServer(pid: pid, port: port, log: log)
        for _ in 0..<300 {
            if let (status, _, _) = try? await server.get("/health"), !waitForHealthy || status == 200 { return server }
            // Exited already: the port was taken (another process's connection, say).
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let log = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if log.contains("Address already in use") { throw PortTaken() }
                throw ChorusServerError("chorus serve exited; log:\n" + log)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGKILL)
        _ = try await waitForExit(pid)
        throw ChorusServerError("chorus serve did not answer /health; log:\n" + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? ""))
    }

    /// SIGTERM (graceful) or SIGKILL (a crash), then reaps the process.
    func stop(signal: Int32 = SIGTERM) async throws -> Int32 {
        kill(pid, signal)
        return try await waitForExit(pid)
    }

    func get(_ path: String, timeout: TimeInterval = 60) async throws -> (Int, [String: String], Data) {
        try await send(URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!, timeoutInterval: timeout))
    }

    /// A token for an admin (signed with the development secret the test servers use).
    static let adminToken = try! TokenAuthority(secret: TokenAuthority.developmentSecret)
        .sign(user: UUID(), role: .admin, lifetime: .seconds(3_600))

    /// POSTs a GraphQL request, as an admin unless `token` or `headers` say otherwise; returns
    /// status, headers and the JSON body.
    func graphQL(
        _ query: String, variables: [String: Any] = [:], headers: [String: String] = [:],
        token: String = ChorusServer.adminToken
    ) async throws -> (status: Int, headers: [String: String], body: [String: Any]) {
        let (status, responseHeaders, data) = try await send(
            graphQLRequest(query, variables: variables, headers: headers, token: token))
        return (status, responseHeaders, try JSONSerialization.jsonObject(with: data) as! [String: Any])
    }

    /// The request `graphQL` sends; `timeout` bounds the wait for the answer.
    func graphQLRequest(
        _ query: String, variables: [String: Any] = [:], headers: [String: String] = [:],
        token: String = ChorusServer.adminToken, timeout: TimeInterval = 60
    ) throws -> URLRequest {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/graphql")!, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/graphql-response+json", forHTTPHeaderField: "Accept")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        return request
    }

    /// Sends a request; returns status, headers (names in lower case) and body.
    func send(_ request: URLRequest) async throws -> (Int, [String: String], Data) {
        let (data, response) = try await Self.session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return (http.statusCode, headers, data)
    }
}

extension ChorusServer {
    /// One session for every test, with room for the concurrent clients of the fault tests
    /// (the shared session's few connections per host would queue their requests client-side).
    fileprivate static let session: URLSession = {
        let configuration = URLSessionConfiguration.default
        configuration.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: configuration)
    }()
}

struct ChorusServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
