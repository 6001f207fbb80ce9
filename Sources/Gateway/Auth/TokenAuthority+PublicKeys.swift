import Crypto
import Foundation
import _CryptoExtras

extension TokenAuthority {
    /// An RSA or an Ed25519 key, public or private by the types given. The kind of key decides
    /// the algorithm: RS256 or EdDSA.
    enum KeyMaterial<RSAKey: Sendable, EdKey: Sendable>: Sendable {
        case rsa(RSAKey)
        case ed25519(EdKey)

        var algorithm: Algorithm {
            switch self {
            case .rsa: .rs256
            case .ed25519: .edDSA
            }
        }
    }

    /// A public key that verifies bearer tokens: RSA (at least 2048 bits) for RS256, or Ed25519
    /// for EdDSA. The key decides the algorithm; a token cannot choose another.
    public struct PublicKey: Sendable {
        private let material: KeyMaterial<_RSA.Signing.PublicKey, Curve25519.Signing.PublicKey>
        /// The name a token's `kid` header gives this key; nil for a key without one, which
        /// only tokens without `kid` are checked with.
        public let kid: String?

        /// The smallest RSA key accepted, in bits.
        public static let minimumRSAKeySize = 2048

        /// An RS256 key; refused below `minimumRSAKeySize` bits.
        public init(rsa key: _RSA.Signing.PublicKey, kid: String? = nil) throws(GatewayConfigurationError) {
            guard key.keySizeInBits >= Self.minimumRSAKeySize else {
                throw GatewayConfigurationError(
                    "an RSA key of \(key.keySizeInBits) bits; at least \(Self.minimumRSAKeySize) are needed")
            }
            material = .rsa(key)
            self.kid = kid
        }

        /// An EdDSA key.
        public init(ed25519 key: Curve25519.Signing.PublicKey, kid: String? = nil) {
            material = .ed25519(key)
            self.kid = kid
        }

        /// The one algorithm this key verifies.
        public var algorithm: Algorithm { material.algorithm }

        func isValidSignature(_ signature: Data, for signed: Data) -> Bool {
            switch material {
            case .rsa(let key):
                key.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: signature), for: signed, padding: .insecurePKCS1v1_5)
            case .ed25519(let key):
                key.isValidSignature(signature, for: signed)
            }
        }
    }
}

// MARK: - The key file

extension TokenAuthority.PublicKey {
    /// The keys of the PEM file at `path` (`CHORUS_JWT_PUBLIC_KEYS`); see `parse(pem:file:)`.
    public static func load(path: String) throws(GatewayConfigurationError) -> [Self] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GatewayConfigurationError("cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GatewayConfigurationError("\(path) is not a text (PEM) file")
        }
        return try parse(pem: text, file: path)
    }

    /// The keys of a PEM file: one or more `-----BEGIN PUBLIC KEY-----` blocks (SubjectPublicKeyInfo,
    /// RFC 7468 §13), each RSA or Ed25519, each optionally named by a `# kid: NAME` line above
    /// it. Other lines are blank or comments (`#`). Errors name `file`, and the block (counted
    /// from 1) and its first line.
    ///
    /// ```
    /// # kid: issuer-2025
    /// -----BEGIN PUBLIC KEY-----
    /// MCowBQYDK2VwAyEA…
    /// -----END PUBLIC KEY-----
    /// ```
    public static func parse(pem: String, file: String) throws(GatewayConfigurationError) -> [Self] {
        var keys: [Self] = []
        var kid: (name: String, line: Int)?
        // The block each kid named so far.
        var named: [String: Int] = [:]
        // The block being read: its label, number, first line and base64 lines.
        var block: (label: String, number: Int, line: Int, body: String)?
        var blocks = 0
        for (index, rawLine) in pem.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            let lineNumber = index + 1
            if var current = block {
                let place = "\(file), block \(current.number) (line \(current.line))"
                if line.hasPrefix("-----END ") {
                    guard line == "-----END \(current.label)-----" else {
                        throw GatewayConfigurationError("\(place): \(line) instead of -----END \(current.label)-----")
                    }
                    guard let der = Data(base64Encoded: current.body) else {
                        throw GatewayConfigurationError("\(place): not valid base64")
                    }
                    if let name = kid?.name {
                        if let earlier = named[name] {
                            throw GatewayConfigurationError("\(place): the kid \"\(name)\" already names block \(earlier)")
                        }
                        named[name] = current.number
                    }
                    do {
                        keys.append(try Self(spki: der, kid: kid?.name))
                    } catch {
                        throw GatewayConfigurationError("\(place): \(error.description)")
                    }
                    kid = nil
                    block = nil
                } else if line.hasPrefix("-----") {
                    throw GatewayConfigurationError("\(place): no -----END \(current.label)----- line")
                } else {
                    current.body += line
                    block = current
                }
            } else if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----") {
                blocks += 1
                let label = String(line.dropFirst("-----BEGIN ".count).dropLast("-----".count))
                let place = "\(file), block \(blocks) (line \(lineNumber))"
                if label.contains("PRIVATE KEY") {
                    throw GatewayConfigurationError(
                        "\(place): a private key (\(label)); give Chorus the public key only "
                            + "(openssl pkey -in KEY -pubout), and keep the private key with the token issuer")
                }
                guard label == "PUBLIC KEY" else {
                    throw GatewayConfigurationError("\(place): a \(label), not a PUBLIC KEY")
                }
                block = (label, blocks, lineNumber, "")
            } else if line.hasPrefix("#") {
                let comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
                guard comment.hasPrefix("kid:") else { continue }
                if let kid {
                    throw GatewayConfigurationError("\(file), line \(kid.line): the kid \"\(kid.name)\" names no key")
                }
                let name = comment.dropFirst("kid:".count).trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw GatewayConfigurationError("\(file), line \(lineNumber): an empty kid") }
                kid = (name, lineNumber)
            } else if !line.isEmpty {
                throw GatewayConfigurationError(
                    "\(file), line \(lineNumber): text outside a -----BEGIN PUBLIC KEY----- block (comments start with #)")
            }
        }
        if let block {
            throw GatewayConfigurationError(
                "\(file), block \(block.number) (line \(block.line)): no -----END \(block.label)----- line")
        }
        if let kid {
            throw GatewayConfigurationError("\(file), line \(kid.line): the kid \"\(kid.name)\" names no key")
        }
        guard !keys.isEmpty else { throw GatewayConfigurationError("\(file) holds no -----BEGIN PUBLIC KEY----- block") }
        return keys
    }

    /// rsaEncryption (1.2.840.113549.1.1.1, RFC 8017 Appendix C) and id-Ed25519 (1.3.101.112,
    /// RFC 8410 §3), as the contents of their DER OBJECT IDENTIFIERs.
    fileprivate static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    fileprivate static let idEd25519: [UInt8] = [0x2B, 0x65, 0x70]

    /// A key from a DER SubjectPublicKeyInfo; its algorithm identifier says which kind.
    init(spki der: Data, kid: String?) throws(GatewayConfigurationError) {
        switch Self.algorithmIdentifier(of: [UInt8](der)) {
        case Self.rsaEncryption?:
            // The unsafe initializer also reads keys below 2048 bits, so that they are refused
            // with their size rather than as malformed.
            guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: der) else {
                throw GatewayConfigurationError("not a valid RSA public key")
            }
            try self.init(rsa: key, kid: kid)
        case Self.idEd25519?:
            guard let key = try? Curve25519.Signing.PublicKey(derRepresentation: der) else {
                throw GatewayConfigurationError("not a valid Ed25519 public key")
            }
            self.init(ed25519: key, kid: kid)
        default:
            throw GatewayConfigurationError("neither an RSA nor an Ed25519 public key")
        }
    }

    /// The algorithm OID of a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7),
    /// `SEQUENCE { SEQUENCE { OBJECT IDENTIFIER, parameters }, BIT STRING }`, or of a PKCS#8
    /// private key (RFC 5208 §5), which has an INTEGER version before the inner SEQUENCE.
    fileprivate static func algorithmIdentifier(of der: [UInt8], pkcs8: Bool = false) -> [UInt8]? {
        var index = 0
        /// Reads a tag and length, leaving `index` at the contents; nil when `tag` is not there.
        func enter(_ tag: UInt8) -> Int? {
            guard index + 1 < der.count, der[index] == tag else { return nil }
            let first = der[index + 1]
            index += 2
            if first < 0x80 { return Int(first) }
            let count = Int(first & 0x7F)
            guard (1...3).contains(count), index + count <= der.count else { return nil }
            let length = der[index..<index + count].reduce(0) { $0 << 8 | Int($1) }
            index += count
            return length
        }
        guard enter(0x30) != nil else { return nil }
        if pkcs8 {
            guard let version = enter(0x02) else { return nil }
            index += version
        }
        guard enter(0x30) != nil, let length = enter(0x06), index + length <= der.count else { return nil }
        return Array(der[index..<index + length])
    }
}

// MARK: - Signing (development and tests)

extension TokenAuthority {
    /// A private key that signs RS256 or EdDSA tokens, for `chorus token --private-key` and
    /// tests; Chorus itself only verifies with the public half.
    public struct SigningKey: Sendable {
        private let material: KeyMaterial<_RSA.Signing.PrivateKey, Curve25519.Signing.PrivateKey>
        /// The `kid` header of the tokens it signs, if any.
        public let kid: String?

        /// A key from a PEM private key: PKCS#8 (`-----BEGIN PRIVATE KEY-----`, RSA or
        /// Ed25519) or PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`).
        public init(pem: String, kid: String? = nil) throws(GatewayConfigurationError) {
            let base64 = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
            if let der = Data(base64Encoded: base64),
                PublicKey.algorithmIdentifier(of: [UInt8](der), pkcs8: true) == PublicKey.idEd25519,
                let key = try? Curve25519.Signing.PrivateKey(derRepresentation: der)
            {
                material = .ed25519(key)
            } else if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) {
                material = .rsa(key)
            } else {
                throw GatewayConfigurationError(
                    "neither an Ed25519 nor an RSA (at least \(PublicKey.minimumRSAKeySize) bits) private key in PEM")
            }
            self.kid = kid
        }

        /// An RS256 key; refused below `PublicKey.minimumRSAKeySize` bits.
        public init(rsa key: _RSA.Signing.PrivateKey, kid: String? = nil) throws(GatewayConfigurationError) {
            _ = try PublicKey(rsa: key.publicKey)
            material = .rsa(key)
            self.kid = kid
        }

        /// An EdDSA key.
        public init(ed25519 key: Curve25519.Signing.PrivateKey, kid: String? = nil) {
            material = .ed25519(key)
            self.kid = kid
        }

        /// The algorithm of the tokens it signs.
        public var algorithm: Algorithm { material.algorithm }

        /// The public half, which verifies what this key signs.
        public var publicKey: PublicKey {
            switch material {
            // The initializers refused RSA keys that are too small.
            case .rsa(let key): try! PublicKey(rsa: key.publicKey, kid: kid)
            case .ed25519(let key): PublicKey(ed25519: key.publicKey, kid: kid)
            }
        }

        /// A token for a user, valid for `lifetime`.
        public func sign(user: UUID, role: Viewer.Role, lifetime: Duration = .seconds(3_600), now: Date = Date()) throws
            -> String
        {
            var header = ["alg": algorithm.rawValue, "typ": "JWT"]
            header["kid"] = kid
            let headerJSON = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
            let signed = TokenAuthority.unsignedToken(
                header: String(decoding: headerJSON, as: UTF8.self), user: user, role: role, lifetime: lifetime, now: now)
            let signature: Data
            switch material {
            case .rsa(let key):
                signature = try key.signature(for: Data(signed.utf8), padding: .insecurePKCS1v1_5).rawRepresentation
            case .ed25519(let key):
                signature = try key.signature(for: Data(signed.utf8))
            }
            return "\(signed).\(TokenAuthority.base64URL(signature))"
        }
    }
}
