import Crypto
import Foundation
import Gateway
import Testing

/// Bearer tokens: HS256 only, signature, expiry and claims enforced, each refusal with its
/// own message; verified tokens are remembered, but never past their expiry.
struct TokenAuthorityTests {
    static let secret = "a-test-secret-of-at-least-thirty-two-bytes"
    static let authority = try! TokenAuthority(secret: secret)
    static let user = UUID(uuidString: "0f0f0f0f-1111-2222-3333-444455556666")!
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A token with this header and these claims, signed with `secret`.
    private static func token(header: String = #"{"alg":"HS256","typ":"JWT"}"#, claims: String, secret: String = secret)
        -> String
    {
        let signed = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return signed + "." + base64URL(Data(mac))
    }

    static let good = #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000600}"#

    @Test(arguments: [
        (token(claims: good), nil),
        (token(claims: good, secret: "another-secret-of-at-least-thirty-two-bytes"), TokenAuthority.Refusal.badSignature),
        (token(header: #"{"alg":"none"}"#, claims: good), .unsupportedAlgorithm("none")),
        (token(header: #"{"alg":"RS256"}"#, claims: good), .unsupportedAlgorithm("RS256")),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1799999999}"#), .expired),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR"}"#), .missingClaim("exp")),
        (token(claims: #"{"role":"DOCTOR","exp":1800000600}"#), .missingClaim("sub")),
        (token(claims: #"{"sub":"nope","role":"DOCTOR","exp":1800000600}"#), .invalidClaim("sub")),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"ROOT","exp":1800000600}"#), .invalidClaim("role")),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000600,"nbf":1800000100}"#), .notYetValid),
        ("not.a.token", .malformed),
        ("onlyone", .malformed),
    ] as [(String, TokenAuthority.Refusal?)])
    func verification(token: String, refusal: TokenAuthority.Refusal?) throws {
        let authority = try TokenAuthority(secret: Self.secret)
        if let refusal {
            #expect(throws: refusal) { try authority.verify(token, now: Self.now) }
        } else {
            #expect(try authority.verify(token, now: Self.now) == .user(id: Self.user, role: .doctor))
        }
    }

    @Test func aRememberedTokenStillExpires() throws {
        let token = Self.authority.sign(user: Self.user, role: .patient, lifetime: .seconds(60), now: Self.now)
        #expect(try Self.authority.verify(token, now: Self.now) == .user(id: Self.user, role: .patient))
        #expect(try Self.authority.verify(token, now: Self.now.addingTimeInterval(30)) == .user(id: Self.user, role: .patient))
        #expect(throws: TokenAuthority.Refusal.expired) { try Self.authority.verify(token, now: Self.now.addingTimeInterval(61)) }
    }

    @Test func theAuthorizationHeader() throws {
        let token = Self.authority.sign(user: Self.user, role: .admin, now: Self.now)
        #expect(try Self.authority.viewer(authorization: nil, now: Self.now) == .anonymous)
        #expect(try Self.authority.viewer(authorization: "bearer \(token)", now: Self.now) == .user(id: Self.user, role: .admin))
        #expect(throws: TokenAuthority.Refusal.malformed) { try Self.authority.viewer(authorization: "Basic abc", now: Self.now) }
        #expect(TokenAuthority.Refusal.expired.description == "The bearer token has expired.")
    }

    @Test func shortSecretsAreRefused() {
        #expect(throws: GatewayConfigurationError(
            "CHORUS_JWT_SECRET must be at least 32 bytes (HS256 needs a 256-bit key)")) {
            try TokenAuthority(secret: "short")
        }
    }
}
