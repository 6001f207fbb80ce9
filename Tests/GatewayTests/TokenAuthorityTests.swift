import Crypto
import Foundation
import Gateway
import Testing
import _CryptoExtras

/// Bearer tokens: HS256 with a secret, RS256 and EdDSA with public keys, the key (never the
/// token) choosing the algorithm; signature, expiry and claims enforced, each refusal with its
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
        token(header: header, claims: claims, signer: .hmac(secret))
    }

    static let good = #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000600}"#

    @Test(arguments: [
        (token(claims: good), nil),
        (token(claims: good, secret: "another-secret-of-at-least-thirty-two-bytes"), TokenAuthority.Refusal.badSignature),
        (token(header: #"{"alg":"none"}"#, claims: good), .unsupportedAlgorithm("none", accepted: [.hs256])),
        (token(header: #"{"alg":"RS256"}"#, claims: good), .unsupportedAlgorithm("RS256", accepted: [.hs256])),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1799999999}"#), .expired),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR"}"#), .missingClaim("exp")),
        (token(claims: #"{"role":"DOCTOR","exp":1800000600}"#), .missingClaim("sub")),
        (token(claims: #"{"sub":"nope","role":"DOCTOR","exp":1800000600}"#), .invalidClaim("sub")),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"ROOT","exp":1800000600}"#), .invalidClaim("role")),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000600,"nbf":1800000100}"#), .notYetValid),
        (token(header: #"{"alg":"HS256","kid":"rsa-1"}"#, claims: good), .unknownKey("rsa-1")),
        // A day at most (the default maximum lifetime), from now and from `iat`.
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800086400,"iat":1800000000}"#), nil),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800086401}"#),
         .lifetimeTooLong(maximumSeconds: 86_400)),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000600,"iat":1799913599}"#),
         .lifetimeTooLong(maximumSeconds: 86_400)),
        (token(claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000600,"iat":"yesterday"}"#),
         .invalidClaim("iat")),
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

    @Test func theMaximumLifetimeIsConfigurable() throws {
        let authority = try TokenAuthority(secret: Self.secret, maximumLifetime: .seconds(60))
        let minute = authority.sign(user: Self.user, role: .patient, lifetime: .seconds(60), now: Self.now)
        #expect(try authority.verify(minute, now: Self.now) == .user(id: Self.user, role: .patient))
        let longer = authority.sign(user: Self.user, role: .patient, lifetime: .seconds(61), now: Self.now)
        #expect(throws: TokenAuthority.Refusal.lifetimeTooLong(maximumSeconds: 60)) { try authority.verify(longer, now: Self.now) }
        // Signed long ago for long: refused even when little of it is left.
        let old = authority.sign(user: Self.user, role: .patient, lifetime: .seconds(3_600), now: Self.now.addingTimeInterval(-3_570))
        #expect(throws: TokenAuthority.Refusal.lifetimeTooLong(maximumSeconds: 60)) { try authority.verify(old, now: Self.now) }
        #expect(throws: GatewayConfigurationError.self) { try TokenAuthority(secret: Self.secret, maximumLifetime: .zero) }
    }

    @Test func aRememberedTokenStillExpires() throws {
        let token = Self.authority.sign(user: Self.user, role: .patient, lifetime: .seconds(60), now: Self.now)
        #expect(try Self.authority.verify(token, now: Self.now) == .user(id: Self.user, role: .patient))
        #expect(try Self.authority.verify(token, now: Self.now.addingTimeInterval(30)) == .user(id: Self.user, role: .patient))
        #expect(throws: TokenAuthority.Refusal.expired) { try Self.authority.verify(token, now: Self.now.addingTimeInterval(61)) }
    }

    @Test(arguments: [
        (nil, .success(.anonymous)),
        ("", .success(.anonymous)),
        ("Bearer TOKEN", .success(.user(id: TokenAuthorityTests.user, role: .admin))),
        ("bearer TOKEN", .success(.user(id: TokenAuthorityTests.user, role: .admin))),
        ("BEARER TOKEN", .success(.user(id: TokenAuthorityTests.user, role: .admin))),
        ("bEaReR \t TOKEN \t ", .success(.user(id: TokenAuthorityTests.user, role: .admin))),
        ("Bearer", .failure(.malformed)),
        ("Bearer ", .failure(.malformed)),
        ("Bearer  \t ", .failure(.malformed)),
        ("Bearer\tTOKEN", .failure(.malformed)),
        ("Bearer\u{0}TOKEN", .failure(.malformed)),
        ("Basic abc", .failure(.malformed)),
        ("Bearér TOKEN", .failure(.malformed)),
        ("Bearer TOKEN extra", .failure(.malformed)),
        ("Bearer not.a.token", .failure(.malformed)),
    ] as [(String?, Result<Viewer, TokenAuthority.Refusal>)])
    func theAuthorizationHeader(header: String?, expected: Result<Viewer, TokenAuthority.Refusal>) throws {
        let token = Self.authority.sign(user: Self.user, role: .admin, now: Self.now)
        let sent = header?.replacingOccurrences(of: "TOKEN", with: token)
        let viewer = Result { () throws(TokenAuthority.Refusal) in try Self.authority.viewer(authorization: sent, now: Self.now) }
        #expect(viewer == expected)
    }

    @Test func shortSecretsAreRefused() {
        #expect(throws: GatewayConfigurationError(
            "CHORUS_JWT_SECRET must be at least 32 bytes (HS256 needs a 256-bit key)")) {
            try TokenAuthority(secret: "short")
        }
    }

    // MARK: - Public keys: RS256 and EdDSA

    static let rsaKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let otherRSAKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    static let ed25519Key = Curve25519.Signing.PrivateKey()
    static let otherEd25519Key = Curve25519.Signing.PrivateKey()

    /// How a test token is signed, independently of the code under test.
    enum Signer {
        case hmac(String)
        case rsa(_RSA.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        /// No signature at all (`alg: none`).
        case unsigned
    }

    private static func token(header: String, claims: String = good, signer: Signer) -> String {
        let signed = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let signature: Data =
            switch signer {
            case .hmac(let secret):
                Data(HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(secret.utf8))))
            case .rsa(let key): try! key.signature(for: Data(signed.utf8), padding: .insecurePKCS1v1_5).rawRepresentation
            case .ed25519(let key): try! key.signature(for: Data(signed.utf8))
            case .unsigned: Data()
            }
        return signed + "." + base64URL(signature)
    }

    /// `token` with its claims replaced (the signature left as it was).
    private static func replacingClaims(of token: String, with claims: String) -> String {
        let parts = token.split(separator: ".")
        return "\(parts[0]).\(base64URL(Data(claims.utf8))).\(parts[2])"
    }

    private static func data(base64URL text: Substring) -> Data {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)!
    }

    /// `token` with one bit of its signature flipped.
    private static func flippingASignatureBit(of token: String) -> String {
        let parts = token.split(separator: ".")
        var signature = data(base64URL: parts[2])
        signature[10] ^= 0x01
        return "\(parts[0]).\(parts[1]).\(base64URL(signature))"
    }

    static let admin = #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"ADMIN","exp":1800000600}"#
    static let rs256 = #"{"alg":"RS256","typ":"JWT"}"#
    static let edDSA = #"{"alg":"EdDSA","typ":"JWT"}"#

    /// The configurations the table runs against.
    enum Setup: String, Sendable, CustomTestStringConvertible {
        /// An RSA key named rsa-1 and an Ed25519 key named ed-1, no secret (HS256 off).
        case keysOnly
        /// The same keys and the secret.
        case secretAndKeys
        /// One Ed25519 key without a kid, no secret.
        case ed25519Only

        var testDescription: String { rawValue }

        func authority() throws -> TokenAuthority {
            let keys = [
                try TokenAuthority.PublicKey(rsa: TokenAuthorityTests.rsaKey.publicKey, kid: "rsa-1"),
                TokenAuthority.PublicKey(ed25519: TokenAuthorityTests.ed25519Key.publicKey, kid: "ed-1"),
            ]
            return switch self {
            case .keysOnly: try TokenAuthority(secret: nil, publicKeys: keys)
            case .secretAndKeys: try TokenAuthority(secret: TokenAuthorityTests.secret, publicKeys: keys)
            case .ed25519Only:
                try TokenAuthority(secret: nil, publicKeys: [.init(ed25519: TokenAuthorityTests.ed25519Key.publicKey)])
            }
        }
    }

    @Test(arguments: [
        ("RS256", .keysOnly, token(header: rs256, signer: .rsa(rsaKey)), nil),
        ("RS256 naming its key", .keysOnly,
         token(header: #"{"alg":"RS256","kid":"rsa-1"}"#, signer: .rsa(rsaKey)), nil),
        ("EdDSA", .keysOnly, token(header: edDSA, signer: .ed25519(ed25519Key)), nil),
        ("EdDSA naming its key", .keysOnly,
         token(header: #"{"alg":"EdDSA","kid":"ed-1"}"#, signer: .ed25519(ed25519Key)), nil),
        ("RS256 beside a secret", .secretAndKeys, token(header: rs256, signer: .rsa(rsaKey)), nil),
        ("HS256 beside keys", .secretAndKeys, token(claims: good), nil),
        ("EdDSA, a key without kid", .ed25519Only, token(header: edDSA, signer: .ed25519(ed25519Key)), nil),

        ("RS256, another RSA key", .keysOnly, token(header: rs256, signer: .rsa(otherRSAKey)),
         TokenAuthority.Refusal.badSignature),
        ("RS256, another RSA key naming rsa-1", .keysOnly,
         token(header: #"{"alg":"RS256","kid":"rsa-1"}"#, signer: .rsa(otherRSAKey)), .badSignature),
        ("EdDSA, another Ed25519 key", .keysOnly, token(header: edDSA, signer: .ed25519(otherEd25519Key)), .badSignature),
        ("RS256, tampered payload", .keysOnly,
         replacingClaims(of: token(header: rs256, signer: .rsa(rsaKey)), with: admin), .badSignature),
        ("EdDSA, tampered payload", .keysOnly,
         replacingClaims(of: token(header: edDSA, signer: .ed25519(ed25519Key)), with: admin), .badSignature),
        ("RS256, tampered signature", .keysOnly,
         flippingASignatureBit(of: token(header: rs256, signer: .rsa(rsaKey))), .badSignature),
        ("EdDSA, tampered signature", .keysOnly,
         flippingASignatureBit(of: token(header: edDSA, signer: .ed25519(ed25519Key))), .badSignature),
        ("RS256, no signature", .keysOnly, token(header: rs256, signer: .unsigned), .badSignature),

        ("RS256 against an Ed25519 key", .ed25519Only, token(header: rs256, signer: .rsa(rsaKey)),
         .unsupportedAlgorithm("RS256", accepted: [.edDSA])),
        ("RS256 naming the Ed25519 key", .keysOnly,
         token(header: #"{"alg":"RS256","kid":"ed-1"}"#, signer: .rsa(rsaKey)),
         .algorithmMismatch("RS256", kid: "ed-1", keyAlgorithm: .edDSA)),
        ("EdDSA naming the RSA key", .keysOnly,
         token(header: #"{"alg":"EdDSA","kid":"rsa-1"}"#, signer: .ed25519(ed25519Key)),
         .algorithmMismatch("EdDSA", kid: "rsa-1", keyAlgorithm: .rs256)),
        // The confusion attack: an HMAC keyed with the public key, which anyone has.
        ("HS256 keyed with the RSA public key, no secret", .keysOnly,
         token(header: #"{"alg":"HS256"}"#, signer: .hmac(rsaKey.publicKey.pemRepresentation)),
         .unsupportedAlgorithm("HS256", accepted: [.rs256, .edDSA])),
        ("HS256 keyed with the RSA public key, beside a secret", .secretAndKeys,
         token(header: #"{"alg":"HS256"}"#, signer: .hmac(rsaKey.publicKey.pemRepresentation)), .badSignature),
        ("HS256 keyed with the RSA public key, naming it", .secretAndKeys,
         token(header: #"{"alg":"HS256","kid":"rsa-1"}"#, signer: .hmac(rsaKey.publicKey.pemRepresentation)),
         .algorithmMismatch("HS256", kid: "rsa-1", keyAlgorithm: .rs256)),
        ("HS256 keyed with the Ed25519 public key, no secret", .ed25519Only,
         token(header: #"{"alg":"HS256"}"#, signer: .hmac(ed25519Key.publicKey.pemRepresentation)),
         .unsupportedAlgorithm("HS256", accepted: [.edDSA])),
        ("HS256 with the development secret, no secret", .keysOnly,
         token(header: #"{"alg":"HS256"}"#, signer: .hmac(TokenAuthority.developmentSecret)),
         .unsupportedAlgorithm("HS256", accepted: [.rs256, .edDSA])),
        ("none", .keysOnly, token(header: #"{"alg":"none"}"#, signer: .unsigned),
         .unsupportedAlgorithm("none", accepted: [.rs256, .edDSA])),
        ("none naming a key", .secretAndKeys, token(header: #"{"alg":"none","kid":"rsa-1"}"#, signer: .unsigned),
         .unsupportedAlgorithm("none", accepted: [.hs256, .rs256, .edDSA])),
        ("rs256 in lower case", .keysOnly, token(header: #"{"alg":"rs256"}"#, signer: .rsa(rsaKey)),
         .unsupportedAlgorithm("rs256", accepted: [.rs256, .edDSA])),
        ("no alg", .keysOnly, token(header: #"{"kid":"rsa-1"}"#, signer: .rsa(rsaKey)), .malformed),

        ("RS256, expired", .keysOnly,
         token(header: rs256, claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000000}"#,
               signer: .rsa(rsaKey)), .expired),
        ("EdDSA, no exp", .keysOnly,
         token(header: edDSA, claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR"}"#,
               signer: .ed25519(ed25519Key)), .missingClaim("exp")),
        ("EdDSA, not valid yet", .keysOnly,
         token(header: edDSA, claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","role":"DOCTOR","exp":1800000600,"nbf":1800000001}"#,
               signer: .ed25519(ed25519Key)), .notYetValid),
        ("RS256, no role", .keysOnly,
         token(header: rs256, claims: #"{"sub":"0f0f0f0f-1111-2222-3333-444455556666","exp":1800000600}"#,
               signer: .rsa(rsaKey)), .missingClaim("role")),

        ("an unknown kid", .keysOnly, token(header: #"{"alg":"RS256","kid":"rsa-2"}"#, signer: .rsa(rsaKey)),
         .unknownKey("rsa-2")),
        ("a kid where the key has none", .ed25519Only,
         token(header: #"{"alg":"EdDSA","kid":"ed-1"}"#, signer: .ed25519(ed25519Key)), .unknownKey("ed-1")),
        ("a kid that is not a string", .keysOnly, token(header: #"{"alg":"RS256","kid":7}"#, signer: .rsa(rsaKey)),
         .malformed),
    ] as [(String, Setup, String, TokenAuthority.Refusal?)])
    func publicKeyVerification(_ name: String, setup: Setup, token: String, refusal: TokenAuthority.Refusal?) throws {
        let authority = try setup.authority()
        if let refusal {
            #expect(throws: refusal) { try authority.verify(token, now: Self.now) }
        } else {
            #expect(try authority.verify(token, now: Self.now) == .user(id: Self.user, role: .doctor))
        }
    }

    @Test(arguments: [
        (TokenAuthority.Refusal.unsupportedAlgorithm("none", accepted: [.hs256]),
         "The bearer token's algorithm none is not accepted (HS256 only)."),
        (.unsupportedAlgorithm("HS256", accepted: [.rs256, .edDSA]),
         "The bearer token's algorithm HS256 is not accepted (RS256, EdDSA only)."),
        (.unknownKey("rsa-2"), #"The bearer token's key "rsa-2" is not known."#),
        (.algorithmMismatch("RS256", kid: "ed-1", keyAlgorithm: .edDSA),
         #"The bearer token's algorithm RS256 is not the one of its key "ed-1" (EdDSA)."#),
        (.badSignature, "The bearer token's signature is not valid."),
        (.expired, "The bearer token has expired."),
        (.missingClaim("exp"), #"The bearer token has no "exp" claim."#),
        (.lifetimeTooLong(maximumSeconds: 86_400),
         "The bearer token is valid for longer than the 86400 seconds accepted; ask for a shorter-lived one."),
    ] as [(TokenAuthority.Refusal, String)])
    func refusalMessages(refusal: TokenAuthority.Refusal, message: String) {
        #expect(refusal.description == message)
    }

    @Test func acceptedAlgorithmsFollowTheKeys() throws {
        #expect(try Setup.keysOnly.authority().acceptedAlgorithms == [.rs256, .edDSA])
        #expect(try Setup.secretAndKeys.authority().acceptedAlgorithms == [.hs256, .rs256, .edDSA])
        #expect(try Setup.ed25519Only.authority().acceptedAlgorithms == [.edDSA])
        #expect(Self.authority.acceptedAlgorithms == [.hs256])
    }

    @Test func authoritiesThatCannotWork() throws {
        #expect(throws: GatewayConfigurationError(
            "bearer tokens need a way to be verified: set CHORUS_JWT_SECRET or CHORUS_JWT_PUBLIC_KEYS")) {
            try TokenAuthority(secret: nil, publicKeys: [])
        }
        #expect(throws: GatewayConfigurationError(#"two public keys have the kid "k""#)) {
            try TokenAuthority(
                secret: nil,
                publicKeys: [.init(ed25519: Self.ed25519Key.publicKey, kid: "k"), .init(ed25519: Self.otherEd25519Key.publicKey, kid: "k")])
        }
        #expect(throws: GatewayConfigurationError("an RSA key of 1024 bits; at least 2048 are needed")) {
            try TokenAuthority.PublicKey(rsa: Self.weakRSAKey.publicKey)
        }
    }

    /// `chorus token --private-key`: what it signs verifies with the public half, `kid` included.
    @Test func signingKeys() throws {
        let authority = try Setup.keysOnly.authority()
        for (pem, kid) in [
            (Self.rsaKey.pemRepresentation, "rsa-1"), (Self.rsaKey.pkcs8PEMRepresentation, "rsa-1"),
            (Self.ed25519Key.pemRepresentation, "ed-1"),
        ] {
            let key = try TokenAuthority.SigningKey(pem: pem, kid: kid)
            let token = try key.sign(user: Self.user, role: .admin, lifetime: .seconds(60), now: Self.now)
            #expect(try authority.verify(token, now: Self.now) == .user(id: Self.user, role: .admin))
            let header = try JSONSerialization.jsonObject(with: Self.data(base64URL: token.split(separator: ".")[0]))
            #expect(header as? [String: String] == ["alg": key.algorithm.rawValue, "kid": kid, "typ": "JWT"])
        }
        let unnamed = try TokenAuthority.SigningKey(pem: Self.ed25519Key.pemRepresentation)
        let token = try unnamed.sign(user: Self.user, role: .patient, now: Self.now)
        #expect(try authority.verify(token, now: Self.now) == .user(id: Self.user, role: .patient))
        for pem in [
            Self.rsaKey.publicKey.pemRepresentation, Curve25519.KeyAgreement.PrivateKey().pemRepresentation,
            Self.weakRSAKey.pemRepresentation, "hello",
        ] {
            #expect(throws: GatewayConfigurationError("neither an Ed25519 nor an RSA (at least 2048 bits) private key in PEM")) {
                try TokenAuthority.SigningKey(pem: pem)
            }
        }
    }

    // MARK: - The key file

    static let weakRSAKey = try! _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024))
    static let rsaPEM = rsaKey.publicKey.pemRepresentation
    static let ed25519PEM = ed25519Key.publicKey.pemRepresentation
    static let otherEd25519PEM = otherEd25519Key.publicKey.pemRepresentation

    /// What parsing a key file gives: each key as its algorithm and kid, or the error.
    enum Parsed: Equatable, CustomTestStringConvertible {
        case keys([String])
        case error(String)

        var testDescription: String {
            switch self {
            case .keys(let keys): keys.joined(separator: ", ")
            case .error(let message): message
            }
        }
    }

    @Test(arguments: [
        ("two keys, one named", "# Our issuer\n# kid: rsa-1\n\(rsaPEM)\n\n\(ed25519PEM)\n", Parsed.keys(["RS256 rsa-1", "EdDSA"])),
        ("two named keys, CRLF", "#kid:a\n\(rsaPEM)\n# kid:  b c \n\(ed25519PEM)".replacingOccurrences(of: "\n", with: "\r\n"),
         .keys(["RS256 a", "EdDSA b c"])),
        ("garbage", "hello\n", .error(
            "keys.pem, line 1: text outside a -----BEGIN PUBLIC KEY----- block (comments start with #)")),
        ("garbage after a key", "\(ed25519PEM)\nhello", .error(
            "keys.pem, line 4: text outside a -----BEGIN PUBLIC KEY----- block (comments start with #)")),
        ("empty", "", .error("keys.pem holds no -----BEGIN PUBLIC KEY----- block")),
        ("only comments", "# no keys yet\n", .error("keys.pem holds no -----BEGIN PUBLIC KEY----- block")),
        ("an RSA private key (PKCS#8)", rsaKey.pkcs8PEMRepresentation, .error(
            "keys.pem, block 1 (line 1): a private key (PRIVATE KEY); give Chorus the public key only "
                + "(openssl pkey -in KEY -pubout), and keep the private key with the token issuer")),
        ("an RSA private key (PKCS#1)", rsaKey.pemRepresentation, .error(
            "keys.pem, block 1 (line 1): a private key (RSA PRIVATE KEY); give Chorus the public key only "
                + "(openssl pkey -in KEY -pubout), and keep the private key with the token issuer")),
        ("an Ed25519 private key after a public key", "\(ed25519PEM)\n\(ed25519Key.pemRepresentation)", .error(
            "keys.pem, block 2 (line 4): a private key (PRIVATE KEY); give Chorus the public key only "
                + "(openssl pkey -in KEY -pubout), and keep the private key with the token issuer")),
        ("a certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
         .error("keys.pem, block 1 (line 1): a CERTIFICATE, not a PUBLIC KEY")),
        ("no END", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n",
         .error("keys.pem, block 1 (line 1): no -----END PUBLIC KEY----- line")),
        ("a BEGIN inside a block", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n\(ed25519PEM)",
         .error("keys.pem, block 1 (line 1): no -----END PUBLIC KEY----- line")),
        ("the wrong END", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PRIVATE KEY-----",
         .error("keys.pem, block 1 (line 1): -----END PRIVATE KEY----- instead of -----END PUBLIC KEY-----")),
        ("not base64", "-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----",
         .error("keys.pem, block 1 (line 1): not valid base64")),
        ("base64 of no key", "-----BEGIN PUBLIC KEY-----\naGVsbG8=\n-----END PUBLIC KEY-----",
         .error("keys.pem, block 1 (line 1): neither an RSA nor an Ed25519 public key")),
        ("a truncated Ed25519 key", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----",
         .error("keys.pem, block 1 (line 1): not a valid Ed25519 public key")),
        ("a P-256 key", P256.Signing.PrivateKey().publicKey.pemRepresentation,
         .error("keys.pem, block 1 (line 1): neither an RSA nor an Ed25519 public key")),
        ("an X25519 key", Curve25519.KeyAgreement.PrivateKey().publicKey.pemRepresentation,
         .error("keys.pem, block 1 (line 1): neither an RSA nor an Ed25519 public key")),
        ("an RSA key of 1024 bits", "\(ed25519PEM)\n\n\(weakRSAKey.publicKey.pemRepresentation)",
         .error("keys.pem, block 2 (line 5): an RSA key of 1024 bits; at least 2048 are needed")),
        ("a kid twice", "# kid: a\n\(ed25519PEM)\n# kid: a\n\(otherEd25519PEM)",
         .error(#"keys.pem, block 2 (line 6): the kid "a" already names block 1"#)),
        ("a kid above no key", "\(ed25519PEM)\n# kid: last\n",
         .error(#"keys.pem, line 4: the kid "last" names no key"#)),
        ("two kids above one key", "# kid: a\n# kid: b\n\(ed25519PEM)",
         .error(#"keys.pem, line 1: the kid "a" names no key"#)),
        ("an empty kid", "# kid:\n\(ed25519PEM)", .error("keys.pem, line 1: an empty kid")),
    ] as [(String, String, Parsed)])
    func keyFiles(_ name: String, pem: String, parsed: Parsed) {
        let result: Parsed
        do {
            result = .keys(
                try TokenAuthority.PublicKey.parse(pem: pem, file: "keys.pem").map {
                    [$0.algorithm.rawValue, $0.kid].compactMap(\.self).joined(separator: " ")
                })
        } catch {
            result = .error(error.description)
        }
        #expect(result == parsed)
    }

    // MARK: - The environment (`chorus serve`)

    /// A directory of key files for the environment table, written once.
    static let keyDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-token-tests-\(UUID())")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try! "# kid: rsa-1\n\(rsaPEM)\n# kid: ed-1\n\(ed25519PEM)\n".write(
            to: directory.appendingPathComponent("keys.pem"), atomically: true, encoding: .utf8)
        try! "hello\n".write(to: directory.appendingPathComponent("garbage.pem"), atomically: true, encoding: .utf8)
        return directory
    }()
    static let keysPath = keyDirectory.appendingPathComponent("keys.pem").path
    static let garbagePath = keyDirectory.appendingPathComponent("garbage.pem").path
    static let productionRefusal =
        "in production, set CHORUS_JWT_SECRET to a secret of your own (at least 32 bytes) or "
        + "CHORUS_JWT_PUBLIC_KEYS to a file of public keys: the development secret is public"

    /// What the environment gives: the secret and the keys' kids, or the error.
    enum Configured: Equatable, CustomTestStringConvertible {
        case settings(secret: String?, kids: [String])
        case error(String)

        var testDescription: String {
            switch self {
            case .settings(let secret, let kids): "\(secret ?? "no secret"); keys \(kids)"
            case .error(let message): message
            }
        }
    }

    @Test(arguments: [
        ("development, nothing set", [:], false, Configured.settings(secret: TokenAuthority.developmentSecret, kids: [])),
        ("development, keys", ["CHORUS_JWT_PUBLIC_KEYS": keysPath], false,
         .settings(secret: TokenAuthority.developmentSecret, kids: ["rsa-1", "ed-1"])),
        ("development, secret and keys", ["CHORUS_JWT_SECRET": secret, "CHORUS_JWT_PUBLIC_KEYS": keysPath], false,
         .settings(secret: secret, kids: ["rsa-1", "ed-1"])),
        ("production, keys", ["CHORUS_JWT_PUBLIC_KEYS": keysPath], true, .settings(secret: nil, kids: ["rsa-1", "ed-1"])),
        ("production, keys and an empty secret", ["CHORUS_JWT_SECRET": "", "CHORUS_JWT_PUBLIC_KEYS": keysPath], true,
         .settings(secret: nil, kids: ["rsa-1", "ed-1"])),
        ("production, secret", ["CHORUS_JWT_SECRET": secret], true, .settings(secret: secret, kids: [])),
        ("production, secret and keys", ["CHORUS_JWT_SECRET": secret, "CHORUS_JWT_PUBLIC_KEYS": keysPath], true,
         .settings(secret: secret, kids: ["rsa-1", "ed-1"])),
        ("production, nothing set", [:], true, .error(productionRefusal)),
        ("production, the development secret and keys",
         ["CHORUS_JWT_SECRET": TokenAuthority.developmentSecret, "CHORUS_JWT_PUBLIC_KEYS": keysPath], true,
         .error(productionRefusal)),
        ("a missing key file", ["CHORUS_JWT_PUBLIC_KEYS": "/nonexistent/keys.pem"], false,
         .error("CHORUS_JWT_PUBLIC_KEYS: cannot read /nonexistent/keys.pem")),
        ("a key file of garbage", ["CHORUS_JWT_SECRET": secret, "CHORUS_JWT_PUBLIC_KEYS": garbagePath], true,
         .error(
            "CHORUS_JWT_PUBLIC_KEYS: \(garbagePath), line 1: "
                + "text outside a -----BEGIN PUBLIC KEY----- block (comments start with #)")),
    ] as [(String, [String: String], Bool, Configured)])
    func environment(_ name: String, environment: [String: String], production: Bool, expected: Configured) {
        let result: Configured
        do {
            let settings = try TokenAuthority.Settings.fromEnvironment(environment, production: production)
            result = .settings(secret: settings.secret, kids: settings.publicKeys.compactMap(\.kid))
        } catch {
            result = .error(error.description)
        }
        #expect(result == expected)
    }

    /// Production with public keys only: RS256 and EdDSA verify, HS256 is off, even with the
    /// development secret `chorus token` signs with.
    @Test func productionWithKeysOnly() throws {
        let settings = try TokenAuthority.Settings.fromEnvironment(["CHORUS_JWT_PUBLIC_KEYS": Self.keysPath], production: true)
        let authority = try TokenAuthority(secret: settings.secret, publicKeys: settings.publicKeys)
        let doctor = Viewer.user(id: Self.user, role: .doctor)
        #expect(try authority.verify(Self.token(header: Self.rs256, signer: .rsa(Self.rsaKey)), now: Self.now) == doctor)
        #expect(try authority.verify(Self.token(header: Self.edDSA, signer: .ed25519(Self.ed25519Key)), now: Self.now) == doctor)
        let development = try TokenAuthority(secret: TokenAuthority.developmentSecret)
            .sign(user: Self.user, role: .admin, now: Self.now)
        #expect(throws: TokenAuthority.Refusal.unsupportedAlgorithm("HS256", accepted: [.rs256, .edDSA])) {
            try authority.verify(development, now: Self.now)
        }
    }
}
