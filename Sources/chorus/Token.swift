import ArgumentParser
import Foundation
import Gateway
import PostgresClient

/// `chorus token --user ID`: a signed bearer token for that user, for the playground and tests.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a signed bearer token for a user (development and tests).",
        discussion: """
            Signed with CHORUS_JWT_SECRET, or the development secret when it is not set (which \
            `chorus serve --production` refuses). The role comes from the user's row in \
            DATABASE_URL unless --role gives it.
            """)

    @Option(help: "The user's id (UUID).") var user: String
    @Option(help: "PATIENT, DOCTOR or ADMIN; read from the database when omitted.") var role: String?
    @Option(help: "How long the token is valid, in seconds.") var ttl = 3_600

    func validate() throws {
        guard UUID(uuidString: user) != nil else { throw ValidationError("--user must be a UUID") }
        if let role, Viewer.Role(rawValue: role) == nil { throw ValidationError("--role must be PATIENT, DOCTOR or ADMIN") }
        guard ttl > 0 else { throw ValidationError("--ttl must be positive") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let id = UUID(uuidString: user)!
        let secret = environment["CHORUS_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 } ?? TokenAuthority.developmentSecret
        let authority = try TokenAuthority(secret: secret)
        var role = self.role.flatMap(Viewer.Role.init(rawValue:))
        if role == nil {
            let postgres = PostgresClient(configuration: try .fromEnvironment(environment))
            let rows: PostgresRows
            do {
                rows = try await postgres.query("SELECT role FROM users WHERE id = $1", [.uuid(id)])
            } catch {
                await postgres.shutdown()
                throw error
            }
            await postgres.shutdown()
            guard let text = try rows.first?.decode(String.self, "role"), let found = Viewer.Role(rawValue: text) else {
                throw ValidationError("no user has the id \(user) in DATABASE_URL")
            }
            role = found
        }
        print(authority.sign(user: id, role: role!, lifetime: .seconds(ttl)))
    }
}
