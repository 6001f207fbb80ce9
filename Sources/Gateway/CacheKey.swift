import Crypto
import Foundation

/// Redis key names, versioned so a change of encoding never reads an old entry: cached
/// values (users, doctors, analytics) are at v2, `CacheCoding`'s JSON, since v1 was
/// `JSONEncoder`'s; the post counters, plain Redis integers and sets, are still at v1.
///
/// Every key is bounded whatever a client sends: ids come from the stores, and an argument
/// becomes a key part through `argument(_:)`, which hashes long values.
enum CacheKey {
    static func user(_ id: UUID) -> String { "chorus:v2:user:" + id.lowercasedText }
    static func doctor(_ id: UUID) -> String { "chorus:v2:doctor:" + id.lowercasedText }
    /// An analytics result, named by its figure and its arguments (each made by `argument(_:)`).
    static func analytics(_ name: String) -> String { "chorus:v2:analytics:\(name)" }
    static func postViews(_ id: String) -> String { "chorus:v1:post:\(id):views" }
    static func postLikes(_ id: String) -> String { "chorus:v1:post:\(id):likes" }
    /// The users who liked a post (a set: one like per user).
    static func postLikers(_ id: String) -> String { "chorus:v1:post:\(id):likers" }

    /// The longest key part an argument keeps as text; a longer one is hashed.
    static let maximumArgumentPart = 64

    /// A client's argument as a key part: percent-encoded, so no value can forge another's
    /// key, or `sha256=` and the SHA-256 of its UTF-8 bytes in hex when that would be longer
    /// than `maximumArgumentPart` (`=` is always encoded, so the two forms never meet).
    static func argument(_ text: String) -> String {
        let escaped = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        guard escaped.utf8.count > maximumArgumentPart || escaped.isEmpty != text.isEmpty else { return escaped }
        let digest = SHA256.hash(data: Data(text.utf8))
        return "sha256=" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
