import ArgumentParser
import Foundation
import Gateway
import PostgresClient

/// `chorus token --user ID`: a signed bearer token for that user, for the playground and tests.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a signed bearer token for a user (development and tests).",
        discussion: """
            Signed (HS256) with CHORUS_JWT_SECRET, or the development secret when it is not set \
            (which `chorus serve --production` refuses); or, with --private-key, RS256 or EdDSA \
            with that key, whose public half goes in CHORUS_JWT_PUBLIC_KEYS. The role comes from \
            the user's row in DATABASE_URL unless --role gives it.
            """)

    @Option(help: "The user's id (UUID).") var user: String
    @Option(help: "PATIENT, DOCTOR or ADMIN; read from the database when omitted.") var role: String?
    @Option(help: "How long the token is valid, in seconds (at most a day).") var ttl = 3_600
    @Option(help: "A PEM file with an RSA or Ed25519 private key to sign with (RS256 or EdDSA) instead of the secret.")
    var privateKey: String?
    @Option(help: "The kid header naming the key (with --private-key).") var kid: String?

    func validate() throws {
        guard UUID(uuidString: user) != nil else { throw ValidationError("--user must be a UUID") }
        if let role, Viewer.Role(rawValue: role) == nil { throw ValidationError("--role must be PATIENT, DOCTOR or ADMIN") }
        let maximum = Int(TokenAuthority.defaultMaximumLifetime.components.seconds)
        guard ttl > 0, ttl <= maximum else {
            throw ValidationError("--ttl must be between 1 and \(maximum) seconds: chorus serve refuses longer-lived tokens")
        }
        guard kid == nil || privateKey != nil else { throw ValidationError("--kid needs --private-key") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let id = UUID(uuidString: user)!
        let sign: (Viewer.Role) throws -> String
        if let privateKey {
            guard let data = FileManager.default.contents(atPath: privateKey) else {
                throw ValidationError("cannot read \(privateKey)")
            }
            let key: TokenAuthority.SigningKey
            do {
                key = try TokenAuthority.SigningKey(pem: String(decoding: data, as: UTF8.self), kid: kid)
            } catch {
                throw ValidationError("\(privateKey): \(error.description)")
            }
            sign = { try key.sign(user: id, role: $0, lifetime: .seconds(ttl)) }
        } else {
            let secret =
                environment["CHORUS_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 } ?? TokenAuthority.developmentSecret
            let authority = try TokenAuthority(secret: secret)
            sign = { authority.sign(user: id, role: $0, lifetime: .seconds(ttl)) }
        }
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
        print(try sign(role!))
    }
}
