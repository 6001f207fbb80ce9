import Foundation

/// Relay global IDs: `base64("Type:key")`, opaque to clients.
///
/// Users and doctors share their UUID (a doctor's key is its user's id), so the type name is
/// what tells `node(id:)` which one is meant. Arguments that name one type (`user(id:)`) also
/// accept the bare UUID, which is what the stores and the seed print.
struct GlobalID: Hashable, Sendable {
    let typeName: String
    let key: String

    var encoded: String { Data("\(typeName):\(key)".utf8).base64EncodedString() }

    /// Decodes a global ID; nil when the text is not one.
    init?(decoding text: String) {
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else { return nil }
        let typeName = String(decoded[..<colon])
        let key = String(decoded[decoded.index(after: colon)...])
        guard !typeName.isEmpty, !key.isEmpty, typeName.allSatisfy({ $0.isLetter }) else { return nil }
        self.typeName = typeName
        self.key = key
    }

    init(typeName: String, key: String) {
        self.typeName = typeName
        self.key = key
    }

    static func encode(_ typeName: String, _ uuid: UUID) -> String {
        GlobalID(typeName: typeName, key: uuid.lowercasedText).encoded
    }

    static func encode(_ typeName: String, _ key: String) -> String {
        GlobalID(typeName: typeName, key: key).encoded
    }

    /// The UUID an argument names for `typeName`: a global ID of that type, or a bare UUID.
    /// Throws a `BAD_USER_INPUT` error naming the argument otherwise.
    static func uuid(_ text: String, of typeName: String, argument: String) throws -> UUID {
        if let uuid = UUID(uuidString: text) { return uuid }
        if let id = GlobalID(decoding: text), id.typeName == typeName, let uuid = UUID(uuidString: id.key) {
            return uuid
        }
        throw GatewayError.badInput(argument, "is not a \(typeName) ID")
    }
}
