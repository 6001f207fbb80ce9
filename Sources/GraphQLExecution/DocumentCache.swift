import GraphQLLanguage
import GraphQLSchema
import GraphQLValidation
import Synchronization

/// Documents already parsed and validated, by their text, so that a query sent again is neither
/// parsed nor validated again. One cache serves one schema, one set of parse options and one
/// set of rules: its owner makes it with them and never changes them.
///
/// Refusals are kept too (a syntax error, validation errors), so a hostile document sent in a
/// loop costs a lookup. The cache is bounded in bytes: each entry counts its text's UTF-8 bytes
/// times `bytesPerSourceByte`, an estimate of the text and its AST together (AST nodes carry
/// locations, names and arrays: several times the text); past `maxBytes` the least recently
/// used entries go. A document larger than a quarter of the bound is never kept.
public final class DocumentCache: Sendable {
    /// What a document's text gave: the errors that refused it, or the parsed document with its
    /// validation errors (none for a document ready to execute).
    public enum Entry: Sendable {
        case syntaxError(GraphQLError)
        case parsed(Source, Document, validationErrors: [GraphQLError])
    }

    /// The estimate of an entry's size per byte of its text.
    public static let bytesPerSourceByte = 10

    public let maxBytes: Int
    private let state: Mutex<State>

    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
        state = Mutex(State())
    }

    /// The entry for `text`: the cached one, else `make()`'s, which is then cached.
    public func entry(for text: String, make: () -> Entry) -> Entry {
        if let entry = state.withLock({ $0.lookUp(text) }) { return entry }
        let entry = make()
        let bytes = text.utf8.count * Self.bytesPerSourceByte
        if bytes <= maxBytes / 4 {
            state.withLock { $0.insert(text, entry, bytes: bytes, maxBytes: maxBytes) }
        }
        return entry
    }

    /// Parses and validates `source`: the one way from a document's text to an entry, for the
    /// cache's misses and for callers without a cache.
    public static func prepare(
        _ source: Source, schema: Schema, rules: [any ValidationRule], parseOptions: ParseOptions
    ) -> Entry {
        do {
            let document = try parse(source, options: parseOptions)
            return .parsed(source, document, validationErrors: validate(schema: schema, document: document, source: source, rules: rules))
        } catch {
            return .syntaxError(error as? GraphQLError ?? GraphQLError(message: "Syntax Error: \(error)"))
        }
    }

    /// Entries, their estimated bytes, and the lookups that found or missed one since the start.
    public var statistics: Statistics {
        state.withLock { Statistics(entries: $0.nodes.count, bytes: $0.bytes, hits: $0.hits, misses: $0.misses) }
    }

    public struct Statistics: Sendable, Equatable {
        public var entries: Int
        public var bytes: Int
        public var hits: Int
        public var misses: Int
    }

    /// A least-recently-used list over a dictionary: `head` is the most recent.
    private struct State: ~Copyable {
        final class Node {
            let text: String
            let entry: Entry
            let bytes: Int
            var newer: Node?
            var older: Node?

            init(text: String, entry: Entry, bytes: Int) {
                self.text = text
                self.entry = entry
                self.bytes = bytes
            }
        }

        var nodes: [String: Node] = [:]
        var head: Node?
        var tail: Node?
        var bytes = 0
        var hits = 0
        var misses = 0

        mutating func lookUp(_ text: String) -> Entry? {
            guard let node = nodes[text] else {
                misses += 1
                return nil
            }
            hits += 1
            unlink(node)
            pushFront(node)
            return node.entry
        }

        mutating func insert(_ text: String, _ entry: Entry, bytes: Int, maxBytes: Int) {
            guard nodes[text] == nil else { return }  // another request cached it meanwhile
            let node = Node(text: text, entry: entry, bytes: bytes)
            nodes[text] = node
            pushFront(node)
            self.bytes += bytes
            while self.bytes > maxBytes, let oldest = tail {
                unlink(oldest)
                nodes[oldest.text] = nil
                self.bytes -= oldest.bytes
            }
        }

        private mutating func pushFront(_ node: Node) {
            node.older = head
            node.newer = nil
            head?.newer = node
            head = node
            if tail == nil { tail = node }
        }

        private mutating func unlink(_ node: Node) {
            if let newer = node.newer { newer.older = node.older } else { head = node.older }
            if let older = node.older { older.newer = node.newer } else { tail = node.newer }
            node.newer = nil
            node.older = nil
        }
    }
}
