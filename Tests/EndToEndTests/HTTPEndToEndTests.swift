import Foundation
import PostgresClient
import StoreTestSupport
import Testing

/// `chorus serve` over the seeded stack, through HTTP: answers equal direct store reads, the
/// trace shows the batching, and the operational routes tell the truth.
@Suite(.serialized) struct HTTPEndToEndTests {
    static let database = "chorus_http"
    static let redisDatabase = 4

    /// Seeds `chorus_http` once per process with the `chorus` binary (the playground browser
    /// test serves the same data set).
    static let seeded = Task { () throws -> [String: String] in
        let environment = try ChorusServer.storeEnvironment(database: database, redisDatabase: redisDatabase)
        let status = try await ChorusServer.run(["seed", "--size", "small", "--seed", "11", "--reset"], environment: environment)
        guard status == 0 else { throw ChorusServerError("chorus seed exited with \(status)") }
        return environment
    }

    /// Runs a client program (a browser test, a schema tool) against a fresh `chorus serve` over
    /// this data set: `command` gets the server's base URL (`http://127.0.0.1:PORT`), the program
    /// runs with `PATH`, `HOME` and `environment`, and the server must then stop cleanly.
    /// Returns the program's exit status and output.
    static func runClient(
        named name: String, environment extra: [String: String] = [:], _ command: (String) -> [String]
    ) async throws -> (status: Int32, output: String) {
        let server = try await ChorusServer.start(environment: try await seeded.value)
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID()).log").path
        let environment = ProcessInfo.processInfo.environment
        let status: Int32
        do {
            let arguments = command("http://127.0.0.1:\(server.port)")
            guard
                let pid = spawnInBackground(
                    arguments,
                    environment: ["PATH": environment["PATH"] ?? "/usr/bin:/bin", "HOME": environment["HOME"] ?? "/tmp"]
                        .merging(extra) { _, given in given },
                    log: log)
            else { throw ChorusServerError("cannot start \(arguments[0])") }
            status = try await waitForExit(pid)
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        #expect(try await server.stop() == 0)
        return (status, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    private func withServer(_ body: (ChorusServer) async throws -> Void) async throws {
        let server = try await ChorusServer.start(environment: try await Self.seeded.value)
        do {
            try await body(server)
        } catch {
            _ = try? await server.stop(signal: SIGKILL)
            throw error
        }
        // SIGTERM drains and exits cleanly.
        #expect(try await server.stop() == 0)
    }

    @Test func patientsAndTheirConsultationsEqualPostgreSQL() async throws {
        let environment = try await Self.seeded.value
        let postgres = PostgresClient(configuration: try .fromEnvironment(environment))
        defer { Task { await postgres.shutdown() } }
        try await withServer { server in
            let response = try await server.graphQL(
                """
                { users(first: 50, role: PATIENT) { nodes { email
                    consultations(first: 100) { totalCount nodes { status amountPaid doctor { licenseNumber } } } } } }
                """, headers: ["chorus-trace": "1"])
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/graphql-response+json; charset=utf-8")
            let data = response.body["data"] as! [String: Any]
            let nodes = (data["users"] as! [String: Any])["nodes"] as! [[String: Any]]
            let rows = try await postgres.query(
                """
                SELECT u.email, count(c.id) AS n, coalesce(sum(c.amount_paid), 0)::bigint AS paid FROM users u
                LEFT JOIN consultations c ON c.patient_id = u.id WHERE u.role = 'PATIENT'
                GROUP BY u.id, u.email, u.created_at ORDER BY u.created_at DESC, u.id DESC LIMIT 50
                """)
            #expect(nodes.map { $0["email"] as! String } == (try rows.map { try $0.decode(String.self, "email") }))
            for (node, row) in zip(nodes, rows) {
                let consultations = node["consultations"] as! [String: Any]
                let items = consultations["nodes"] as! [[String: Any]]
                #expect(consultations["totalCount"] as? Int == (try row.decode(Int.self, "n")))
                #expect(items.reduce(0) { $0 + ($1["amountPaid"] as! Int) } == (try row.decode(Int.self, "paid")))
            }
            // Three levels touch PostgreSQL (users, consultations, doctors missing from the
            // cache: none when an earlier run cached them all); Redis once (the doctors' cache
            // lookup); MongoDB not at all.
            let trace = (response.body["extensions"] as! [String: Any])["trace"] as! [String: Any]
            let stores = trace["stores"] as! [String: [String: Any]]
            let misses = try #require(stores["redis"]?["cacheMisses"] as? Int)
            #expect(stores["postgresql"]?["roundTrips"] as? Int == (misses == 0 ? 2 : 3))
            #expect((stores["redis"]?["cacheHits"] as? Int ?? 0) + misses > 1)
            #expect(stores["redis"]?["roundTrips"] as? Int == 1)
            #expect(stores["mongodb"]?["roundTrips"] as? Int == 0)
            #expect((trace["durationMs"] as? Double ?? 0) > 0)
        }
    }

    @Test func partialResultsAndOperationalRoutes() async throws {
        try await withServer { server in
            let partial = try await server.graphQL("{ user(id: \"42\") { id } analytics { totals { users } } }")
            #expect(partial.status == 294)
            let errors = partial.body["errors"] as! [[String: Any]]
            #expect(errors.map { $0["message"] as! String } == ["Invalid id: is not a User ID."])
            #expect((errors[0]["extensions"] as? [String: String]) == ["code": "BAD_USER_INPUT", "field": "id"])
            #expect(((partial.body["data"] as! [String: Any])["user"]) is NSNull)
            #expect(partial.body["extensions"] == nil)

            // A credential that does not verify is refused before any GraphQL work.
            let refused = try await server.graphQL("{ __typename }", token: "x.y.z")
            #expect(refused.status == 401)
            #expect(refused.headers["www-authenticate"] == #"Bearer error="invalid_token""#)
            #expect((refused.body["errors"] as? [[String: Any]])?.first?["extensions"] as? [String: String]
                == ["code": "UNAUTHENTICATED"])

            let (healthStatus, _, healthBody) = try await server.get("/health")
            #expect(healthStatus == 200)
            let health = try JSONSerialization.jsonObject(with: healthBody) as! [String: Any]
            #expect((health["stores"] as! [[String: Any]]).map { $0["name"] as! String } == ["postgresql", "mongodb", "redis"])
            #expect((health["stores"] as! [[String: Any]]).allSatisfy { $0["status"] as? String == "up" })

            let (metricsStatus, _, metricsBody) = try await server.get("/metrics")
            #expect(metricsStatus == 200)
            let metrics = String(decoding: metricsBody, as: UTF8.self)
            #expect(metrics.contains(#"chorus_store_round_trips_total{store="postgresql"}"#))
            #expect(metrics.contains("chorus_http_requests_total"))
            #expect(metrics.contains("chorus_cache_misses_total"))
        }
    }
}
