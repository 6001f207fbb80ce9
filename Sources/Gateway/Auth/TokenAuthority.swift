import Crypto
import Foundation
import Synchronization

/// Signs and verifies the bearer tokens Chorus accepts: JWTs (RFC 7519) signed with HS256 (a
/// shared secret), RS256 or EdDSA (public keys, `TokenAuthority+PublicKeys.swift`), whose claims
/// are `sub` (the user's UUID), `role` (PATIENT, DOCTOR or ADMIN) and `exp` (required,
/// enforced), with `iat` and `nbf` honoured when present. A token may live at most
/// `maximumLifetime`: one whose `exp` is further than that from now, or from its `iat`, is
/// refused.
///
/// The role is taken from the token, not read from the user's row: the token is signed by
/// Chorus's secret or a trusted issuer, who read it from the user, and a change of role takes
/// effect as the tokens of the old one expire, within `maximumLifetime` (SECURITY.md).
///
/// The key decides the algorithm, never the token: HS256 is accepted only when a secret is
/// configured, RS256 only from an RSA key, EdDSA only from an Ed25519 key, and `none` never. A
/// token whose header names a key (`kid`) is checked with that key alone, and refused when its
/// `alg` is not that key's; a token without `kid` is checked with the secret (HS256) or with
/// each key of its algorithm. Signatures are checked by swift-crypto (HMACs in constant time).
public struct TokenAuthority: Sendable {
    /// The HS256 key; nil when HS256 is off (public keys only).
    private let secret: SymmetricKey?
    private let publicKeys: [PublicKey]
    /// What this authority accepts, in `Algorithm.allCases` order.
    public let acceptedAlgorithms: [Algorithm]
    /// The longest a token may be valid: from its `iat` (when it has one), and from now.
    public let maximumLifetime: Duration
    /// Tokens already verified, with their viewer and expiry: a client sends the same token
    /// with every request, and checking it again costs more than the rest of a small query.
    private let verified = VerifiedTokens(capacity: 10_000)

    /// The secret `chorus token` and a development `chorus serve` use when `CHORUS_JWT_SECRET`
    /// is not set. `chorus serve --production` refuses to start with it.
    public static let developmentSecret = "chorus-development-secret-never-use-in-production"

    /// A secret shorter than this many bytes is refused (HS256 wants a 256-bit key).
    public static let minimumSecretLength = 32

    /// The longest lifetime accepted unless told otherwise: a day.
    public static let defaultMaximumLifetime: Duration = .seconds(24 * 3_600)

    /// The signature algorithms (`alg`, RFC 7518 §3.1 and RFC 8037 §3.1) Chorus knows.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// HMAC with SHA-256 and the shared secret.
        case hs256 = "HS256"
        /// RSASSA-PKCS1-v1_5 with SHA-256 and an RSA public key.
        case rs256 = "RS256"
        /// Ed25519 with an Ed25519 public key.
        case edDSA = "EdDSA"
    }

    /// An authority for HS256 tokens signed with `secret`.
    public init(secret: String, maximumLifetime: Duration = TokenAuthority.defaultMaximumLifetime) throws {
        try self.init(secret: .some(secret), publicKeys: [], maximumLifetime: maximumLifetime)
    }

    /// An authority for HS256 tokens signed with `secret` (none when nil) and RS256 or EdDSA
    /// tokens signed by the private halves of `publicKeys`, each valid for at most
    /// `maximumLifetime`.
    public init(secret: String?, publicKeys: [PublicKey], maximumLifetime: Duration = TokenAuthority.defaultMaximumLifetime) throws {
        guard maximumLifetime > .zero else {
            throw GatewayConfigurationError("the maximum lifetime of bearer tokens must be positive")
        }
        if let secret {
            guard secret.utf8.count >= Self.minimumSecretLength else {
                throw GatewayConfigurationError(
                    "CHORUS_JWT_SECRET must be at least \(Self.minimumSecretLength) bytes (HS256 needs a 256-bit key)")
            }
        } else if publicKeys.isEmpty {
            throw GatewayConfigurationError(
                "bearer tokens need a way to be verified: set CHORUS_JWT_SECRET or CHORUS_JWT_PUBLIC_KEYS")
        }
        var named = Set<String>()
        for kid in publicKeys.compactMap(\.kid) where !named.insert(kid).inserted {
            throw GatewayConfigurationError("two public keys have the kid \"\(kid)\"")
        }
        self.secret = secret.map { SymmetricKey(data: Data($0.utf8)) }
        self.publicKeys = publicKeys
        self.maximumLifetime = maximumLifetime
        acceptedAlgorithms = Algorithm.allCases.filter { algorithm in
            algorithm == .hs256 ? secret != nil : publicKeys.contains { $0.algorithm == algorithm }
        }
    }

    /// Why a token was refused; safe to show the client.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed
        /// The header's `alg`, and what this authority accepts.
        case unsupportedAlgorithm(String, accepted: [Algorithm])
        /// The header's `kid` names no configured key.
        case unknownKey(String)
        /// The header's `alg` is not the algorithm of the key its `kid` names.
        case algorithmMismatch(String, kid: String, keyAlgorithm: Algorithm)
        case badSignature
        case expired
        case notYetValid
        /// Valid for longer than the authority accepts (its `maximumLifetime`, in seconds).
        case lifetimeTooLong(maximumSeconds: Int64)
        case missingClaim(String)
        case invalidClaim(String)

        public var description: String {
            switch self {
            case .malformed: "The bearer token is not a JWT."
            case .unsupportedAlgorithm(let algorithm, let accepted):
                "The bearer token's algorithm \(algorithm) is not accepted "
                    + "(\(accepted.map(\.rawValue).joined(separator: ", ")) only)."
            case .unknownKey(let kid): "The bearer token's key \"\(kid)\" is not known."
            case .algorithmMismatch(let algorithm, let kid, let keyAlgorithm):
                "The bearer token's algorithm \(algorithm) is not the one of its key \"\(kid)\" (\(keyAlgorithm.rawValue))."
            case .badSignature: "The bearer token's signature is not valid."
            case .expired: "The bearer token has expired."
            case .notYetValid: "The bearer token is not valid yet."
            case .lifetimeTooLong(let maximum):
                "The bearer token is valid for longer than the \(maximum) seconds accepted; ask for a shorter-lived one."
            case .missingClaim(let claim): "The bearer token has no \"\(claim)\" claim."
            case .invalidClaim(let claim): "The bearer token's \"\(claim)\" claim is not valid."
            }
        }
    }

    /// A token for a user signed with the secret (HS256), valid for `lifetime`. The authority
    /// must have a secret.
    public func sign(user: UUID, role: Viewer.Role, lifetime: Duration = .seconds(3_600), now: Date = Date()) -> String {
        guard let secret else { preconditionFailure("this TokenAuthority has no secret to sign HS256 tokens with") }
        let signed = Self.unsignedToken(
            header: #"{"alg":"HS256","typ":"JWT"}"#, user: user, role: role, lifetime: lifetime, now: now)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: secret)
        return "\(signed).\(Self.base64URL(Data(signature)))"
    }

    /// The header and claims of a token, base64url-encoded and joined by a dot: what is signed.
    static func unsignedToken(header: String, user: UUID, role: Viewer.Role, lifetime: Duration, now: Date) -> String {
        let issued = Int(now.timeIntervalSince1970)
        let claims: [String: Any] = [
            "sub": user.uuidString.lowercased(), "role": role.rawValue, "iat": issued,
            "exp": issued + Int(lifetime.components.seconds),
        ]
        let payload = try! JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        return "\(Self.base64URL(Data(header.utf8))).\(Self.base64URL(payload))"
    }

    /// The viewer a token names, once its signature, algorithm and times check out.
    public func verify(_ token: String, now: Date = Date()) throws(Refusal) -> Viewer {
        if let (viewer, notBefore, expires) = verified.lookup(token) {
            guard now.timeIntervalSince1970 < expires else { throw .expired }
            guard now.timeIntervalSince1970 >= notBefore else { throw .notYetValid }
            return viewer
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.data(base64URL: parts[0]),
            let payloadData = Self.data(base64URL: parts[1]), let signature = Self.data(base64URL: parts[2]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
            let claims = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any]
        else { throw .malformed }
        guard let name = header["alg"] as? String else { throw .malformed }
        guard let algorithm = Algorithm(rawValue: name), acceptedAlgorithms.contains(algorithm) else {
            throw .unsupportedAlgorithm(name, accepted: acceptedAlgorithms)
        }
        try checkSignature(signature, of: Data("\(parts[0]).\(parts[1])".utf8), algorithm: algorithm, kid: header["kid"])
        let seconds = now.timeIntervalSince1970
        guard let expiry = claims["exp"] else { throw .missingClaim("exp") }
        guard let expires = (expiry as? NSNumber)?.doubleValue else { throw .invalidClaim("exp") }
        guard seconds < expires else { throw .expired }
        let maximum = Double(maximumLifetime.components.seconds)
        guard expires - seconds <= maximum else { throw .lifetimeTooLong(maximumSeconds: maximumLifetime.components.seconds) }
        if let claim = claims["iat"] {
            guard let issued = (claim as? NSNumber)?.doubleValue else { throw .invalidClaim("iat") }
            guard expires - issued <= maximum else { throw .lifetimeTooLong(maximumSeconds: maximumLifetime.components.seconds) }
        }
        var notBefore = -Double.infinity
        if let claim = claims["nbf"] {
            guard let start = (claim as? NSNumber)?.doubleValue else { throw .invalidClaim("nbf") }
            guard seconds >= start else { throw .notYetValid }
            notBefore = start
        }
        guard let subject = claims["sub"] else { throw .missingClaim("sub") }
        guard let text = subject as? String, let id = UUID(uuidString: text) else { throw .invalidClaim("sub") }
        guard let roleClaim = claims["role"] else { throw .missingClaim("role") }
        guard let text = roleClaim as? String, let role = Viewer.Role(rawValue: text) else { throw .invalidClaim("role") }
        let viewer = Viewer.user(id: id, role: role)
        verified.store(token, viewer: viewer, notBefore: notBefore, expires: expires)
        return viewer
    }

    /// Checks a signature with the key the header's `kid` names, else with the secret (HS256)
    /// or each public key of `algorithm`; `algorithm` is one this authority accepts.
    private func checkSignature(_ signature: Data, of signed: Data, algorithm: Algorithm, kid: Any?) throws(Refusal) {
        switch kid {
        case nil:
            if algorithm == .hs256, let secret {
                guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: secret) else {
                    throw .badSignature
                }
            } else {
                guard publicKeys.contains(where: { $0.algorithm == algorithm && $0.isValidSignature(signature, for: signed) })
                else { throw .badSignature }
            }
        case let kid as String:
            guard let key = publicKeys.first(where: { $0.kid == kid }) else { throw .unknownKey(kid) }
            guard key.algorithm == algorithm else {
                throw .algorithmMismatch(algorithm.rawValue, kid: kid, keyAlgorithm: key.algorithm)
            }
            guard key.isValidSignature(signature, for: signed) else { throw .badSignature }
        default:
            throw .malformed
        }
    }

    /// The viewer of an `Authorization` header value: none → anonymous; `Bearer <token>`
    /// verified; anything else refused.
    public func viewer(authorization: String?, now: Date = Date()) throws(Refusal) -> Viewer {
        guard let authorization, !authorization.isEmpty else { return .anonymous }
        guard let token = Self.bearerToken(authorization) else { throw .malformed }
        return try verify(token, now: now)
    }

    /// The token of `Bearer <token>` (the scheme in any case, spaces and tabs around the token
    /// ignored), or nil. Read as UTF-8 bytes: this runs for every request.
    static func bearerToken(_ authorization: String) -> String? {
        let bytes = authorization.utf8
        let scheme = "bearer ".utf8
        guard bytes.count > scheme.count,
            zip(bytes, scheme).allSatisfy({ sent, expected in expected == UInt8(ascii: " ") ? sent == expected : sent | 0x20 == expected })
        else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = bytes.index(bytes.startIndex, offsetBy: scheme.count)
        var end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start = bytes.index(after: start) }
        while start < end, isBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard start < end else { return nil }
        return String(authorization[start..<end])
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: Substring) -> Data? {
        guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

extension TokenAuthority {
    /// What `chorus serve` verifies tokens with, read from the environment.
    public struct Settings: Sendable {
        /// The HS256 secret; nil turns HS256 off.
        public var secret: String?
        public var publicKeys: [PublicKey]

        public init(secret: String?, publicKeys: [PublicKey]) {
            self.secret = secret
            self.publicKeys = publicKeys
        }

        /// Whether HS256 tokens are checked with the published development secret.
        public var usesDevelopmentSecret: Bool { secret == TokenAuthority.developmentSecret }

        /// `CHORUS_JWT_SECRET` (the HS256 secret) and `CHORUS_JWT_PUBLIC_KEYS` (the path of a PEM
        /// file of public keys). In development the secret defaults to the development one, so
        /// `chorus token` works beside the keys; in production there is no default: HS256 is
        /// off without `CHORUS_JWT_SECRET`, the development secret is refused, and either a
        /// secret or keys must be given. A key file that does not parse is an error in both.
        public static func fromEnvironment(_ environment: [String: String], production: Bool) throws(
            GatewayConfigurationError
        ) -> Settings {
            let secret = environment["CHORUS_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
            var publicKeys: [PublicKey] = []
            if let path = environment["CHORUS_JWT_PUBLIC_KEYS"], !path.isEmpty {
                do {
                    publicKeys = try PublicKey.load(path: path)
                } catch {
                    throw GatewayConfigurationError("CHORUS_JWT_PUBLIC_KEYS: \(error.description)")
                }
            }
            guard production else { return Settings(secret: secret ?? developmentSecret, publicKeys: publicKeys) }
            if secret == developmentSecret || (secret == nil && publicKeys.isEmpty) {
                throw GatewayConfigurationError(
                    "in production, set CHORUS_JWT_SECRET to a secret of your own (at least 32 bytes) or "
                        + "CHORUS_JWT_PUBLIC_KEYS to a file of public keys: the development secret is public")
            }
            return Settings(secret: secret, publicKeys: publicKeys)
        }
    }
}

/// A bounded map from verified tokens to what they say; emptied when full (tokens are
/// re-verified then, which is only slower). Only tokens whose signature checked out get in.
private final class VerifiedTokens: Sendable {
    private let entries = Mutex([String: (viewer: Viewer, notBefore: Double, expires: Double)]())
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func lookup(_ token: String) -> (Viewer, Double, Double)? {
        entries.withLock { $0[token].map { ($0.viewer, $0.notBefore, $0.expires) } }
    }

    func store(_ token: String, viewer: Viewer, notBefore: Double, expires: Double) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (viewer, notBefore, expires)
        }
    }
}
