import Crypto
import Foundation
import Synchronization

/// Signs and verifies the bearer tokens Chorus accepts: JWTs (RFC 7519) signed with HS256,
/// whose claims are `sub` (the user's UUID), `role` (PATIENT, DOCTOR or ADMIN) and `exp`
/// (required, enforced), with `iat` and `nbf` honoured when present.
///
/// Only `alg: HS256` is accepted: the header cannot choose another algorithm (`none`
/// included), and signatures are compared in constant time by swift-crypto.
public struct TokenAuthority: Sendable {
    private let key: SymmetricKey
    /// Tokens already verified, with their viewer and expiry: a client sends the same token
    /// with every request, and checking it again costs more than the rest of a small query.
    private let verified = VerifiedTokens(capacity: 10_000)

    /// The secret `chorus token` and a development `chorus serve` use when `CHORUS_JWT_SECRET`
    /// is not set. `chorus serve --production` refuses to start with it.
    public static let developmentSecret = "chorus-development-secret-never-use-in-production"

    /// A secret shorter than this many bytes is refused (HS256 wants a 256-bit key).
    public static let minimumSecretLength = 32

    public init(secret: String) throws {
        guard secret.utf8.count >= Self.minimumSecretLength else {
            throw GatewayConfigurationError(
                "CHORUS_JWT_SECRET must be at least \(Self.minimumSecretLength) bytes (HS256 needs a 256-bit key)")
        }
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// Why a token was refused; safe to show the client.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed
        case unsupportedAlgorithm(String)
        case badSignature
        case expired
        case notYetValid
        case missingClaim(String)
        case invalidClaim(String)

        public var description: String {
            switch self {
            case .malformed: "The bearer token is not a JWT."
            case .unsupportedAlgorithm(let algorithm): "The bearer token's algorithm \(algorithm) is not accepted (HS256 only)."
            case .badSignature: "The bearer token's signature is not valid."
            case .expired: "The bearer token has expired."
            case .notYetValid: "The bearer token is not valid yet."
            case .missingClaim(let claim): "The bearer token has no \"\(claim)\" claim."
            case .invalidClaim(let claim): "The bearer token's \"\(claim)\" claim is not valid."
            }
        }
    }

    /// A signed token for a user, valid for `lifetime`.
    public func sign(user: UUID, role: Viewer.Role, lifetime: Duration = .seconds(3_600), now: Date = Date()) -> String {
        let issued = Int(now.timeIntervalSince1970)
        let header = Self.base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let claims: [String: Any] = [
            "sub": user.uuidString.lowercased(), "role": role.rawValue, "iat": issued,
            "exp": issued + Int(lifetime.components.seconds),
        ]
        let payload = Self.base64URL(try! JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: key)
        return "\(header).\(payload).\(Self.base64URL(Data(signature)))"
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
        guard let algorithm = header["alg"] as? String else { throw .malformed }
        guard algorithm == "HS256" else { throw .unsupportedAlgorithm(algorithm) }
        let signed = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signed, using: key) else {
            throw .badSignature
        }
        let seconds = now.timeIntervalSince1970
        guard let expiry = claims["exp"] else { throw .missingClaim("exp") }
        guard let expires = (expiry as? NSNumber)?.doubleValue else { throw .invalidClaim("exp") }
        guard seconds < expires else { throw .expired }
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

    /// The viewer of an `Authorization` header value: none → anonymous; `Bearer <token>`
    /// verified; anything else refused.
    public func viewer(authorization: String?, now: Date = Date()) throws(Refusal) -> Viewer {
        guard let authorization, !authorization.isEmpty else { return .anonymous }
        let prefix = "bearer "
        guard authorization.count > prefix.count, authorization.lowercased().hasPrefix(prefix) else { throw .malformed }
        return try verify(String(authorization.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces), now: now)
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
