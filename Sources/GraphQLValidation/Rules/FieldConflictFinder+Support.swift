import GraphQLLanguage
import GraphQLSchema

// MARK: - Supporting types

/// A field as collected from a selection set: the type it is selected on, its node, and the
/// type its definition there gives it (meta-fields have none, as in graphql-js).
struct CollectedField {
    var parentType: GraphQLNamedType?
    var node: Field
    var type: GraphQLType?
}

/// The fields of a selection set (inline fragments flattened) grouped by response key in
/// order of appearance, and the names of the fragments it spreads.
final class FieldsAndFragments {
    private(set) var keys: [String] = []
    private(set) var groups: [[CollectedField]] = []
    /// Positions by key, built only once there are too many keys to search.
    private var positions: [String: Int] = [:]
    var fragmentNames: [String] = []

    private static let linearSearchLimit = 12

    func append(_ field: CollectedField) {
        let key = field.node.responseKey
        if let index = position(of: key) {
            groups[index].append(field)
            return
        }
        keys.append(key)
        groups.append([field])
        if keys.count > Self.linearSearchLimit {
            if positions.isEmpty {
                for (index, existing) in keys.enumerated() { positions[existing] = index }
            } else {
                positions[key] = keys.count - 1
            }
        }
    }

    /// The position of a response key's group.
    func position(of key: String) -> Int? {
        if keys.count > Self.linearSearchLimit { return positions[key] }
        return keys.firstIndex(of: key)
    }
}

/// The conflicts found so far, up to a limit.
struct ConflictList {
    let limit: Int
    private(set) var items: [FieldConflict] = []

    init(limit: Int) {
        self.limit = limit
    }

    var isFull: Bool { items.count >= limit }

    mutating func append(_ conflict: FieldConflict) { items.append(conflict) }
}

/// Two fragment names, in either order.
struct FragmentPair: Hashable {
    let first: String
    let second: String

    init(_ a: String, _ b: String) {
        if a < b {
            first = a
            second = b
        } else {
            first = b
            second = a
        }
    }
}

/// What decides whether two fields merge, besides the state of the search: fields with
/// equal shapes are interchangeable. (Directives play no part in merging.)
struct FieldShape: Hashable {
    var parentType: GraphQLNamedType?
    var name: String
    var arguments: [Argument]
    var children: [SelectionSignature]?
}

/// A field node, by where it starts, on the type it is selected on.
struct FieldOccurrence: Hashable {
    var start: Int
    var parentType: GraphQLNamedType?
}

/// A selection as a field shape sees it: subfields by response key and class.
indirect enum SelectionSignature: Hashable {
    case field(alias: String?, classID: Int)
    case spread(String)
    case inline(typeCondition: String?, [SelectionSignature])
}

/// Two field classes compared, in order, under one exclusivity.
struct ClassPair: Hashable {
    var first: Int
    var second: Int
    var exclusive: Bool
}

// MARK: - Argument equality

/// Whether two argument lists print the same once sorted by name, objects' fields sorted too
/// (graphql-js compares `print(sortValueNode(…))`), compared structurally rather than printed.
func argumentsAreEqual(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
    if arguments1.count != arguments2.count { return false }
    if arguments1 == arguments2 { return true }
    let sorted1 = stableSorted(arguments1) { naturalCompare($0.name.value, $1.name.value) }
    let sorted2 = stableSorted(arguments2) { naturalCompare($0.name.value, $1.name.value) }
    for (argument1, argument2) in zip(sorted1, sorted2) {
        guard argument1.name.value == argument2.name.value, valuesAreEqual(argument1.value, argument2.value) else {
            return false
        }
    }
    return true
}

private func valuesAreEqual(_ value1: Value, _ value2: Value) -> Bool {
    switch (value1, value2) {
    case (.list(let list1), .list(let list2)):
        return list1.values.count == list2.values.count
            && zip(list1.values, list2.values).allSatisfy { valuesAreEqual($0, $1) }
    case (.object(let object1), .object(let object2)):
        guard object1.fields.count == object2.fields.count else { return false }
        let fields1 = stableSorted(object1.fields) { naturalCompare($0.name.value, $1.name.value) }
        let fields2 = stableSorted(object2.fields) { naturalCompare($0.name.value, $1.name.value) }
        return zip(fields1, fields2).allSatisfy {
            $0.name.value == $1.name.value && valuesAreEqual($0.value, $1.value)
        }
    default:
        return value1 == value2
    }
}
