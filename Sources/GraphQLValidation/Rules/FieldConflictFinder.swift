import GraphQLLanguage
import GraphQLSchema

/// graphql-js's search for fields that cannot be merged, kept linear on repeated fields.
///
/// As graphql-js does, each selection set compares the fields *within* it once, then its
/// fields *between* each fragment it spreads and between those fragments; two fields with
/// subselections compare those subselections *between* each other. Fragment pairs already
/// compared are remembered (`comparedFragmentPairs`, graphql-js's PairSet), and the fields
/// and fragment names of each selection set are collected once.
///
/// On top of that, fields are sorted into classes of structurally equal fields (same parent
/// type, name, arguments and subselection). Comparing two fields only ever adds fragment pairs
/// to the remembered set, and more remembered pairs can only hide conflicts, never reveal new
/// ones; so once a pair of classes has compared without conflict, every later pair of fields
/// from those classes would too, and is skipped. A thousand copies of one field then cost one
/// comparison instead of half a million. Pairs that do conflict are always compared for real,
/// so the errors (and their locations) are graphql-js's.
///
/// Created afresh for each validation, and used only by the rule that owns it.
final class FieldConflictFinder: @unchecked Sendable {
    private let context: ValidationContext
    private var cachedFields: [Int: FieldsAndFragments] = [:]
    private var comparedFragmentPairs: [FragmentPair: Bool] = [:]
    private var fieldClasses: [FieldShape: Int] = [:]
    private var mergeablePairs: Set<ClassPair> = []

    init(context: ValidationContext) {
        self.context = context
    }

    // MARK: - Entry point

    /// The conflicts among the fields a selection set selects, itself and through fragments,
    /// stopping after `limit` of them.
    func conflictsWithin(_ selectionSet: SelectionSet, parentType: GraphQLNamedType?, limit: Int) -> [FieldConflict] {
        var conflicts = ConflictList(limit: limit)
        let fields = fieldsAndFragmentNames(parentType, selectionSet)
        collectConflictsWithin(&conflicts, fields)
        let names = fields.fragmentNames
        for i in names.indices {
            if conflicts.isFull { break }
            collectConflictsBetweenFieldsAndFragment(&conflicts, false, fields, names[i])
            for j in (i + 1)..<names.count {
                if conflicts.isFull { break }
                collectConflictsBetweenFragments(&conflicts, false, names[i], names[j])
            }
        }
        return conflicts.items
    }

    // MARK: - Comparing sets of fields

    private func collectConflictsBetweenFieldsAndFragment(
        _ conflicts: inout ConflictList, _ exclusive: Bool, _ fields: FieldsAndFragments, _ fragmentName: String
    ) {
        guard let fragment = context.fragment(named: fragmentName) else { return }
        let fragmentFields = referencedFieldsAndFragmentNames(fragment)
        if fields === fragmentFields { return }
        collectConflictsBetween(&conflicts, exclusive, fields, fragmentFields)
        for referenced in fragmentFields.fragmentNames {
            if conflicts.isFull { return }
            if hasComparedFragments(referenced, fragmentName, exclusive) { continue }
            markComparedFragments(referenced, fragmentName, exclusive)
            collectConflictsBetweenFieldsAndFragment(&conflicts, exclusive, fields, referenced)
        }
    }

    private func collectConflictsBetweenFragments(
        _ conflicts: inout ConflictList, _ exclusive: Bool, _ name1: String, _ name2: String
    ) {
        if name1 == name2 || hasComparedFragments(name1, name2, exclusive) { return }
        markComparedFragments(name1, name2, exclusive)
        guard let fragment1 = context.fragment(named: name1), let fragment2 = context.fragment(named: name2) else {
            return
        }
        let fields1 = referencedFieldsAndFragmentNames(fragment1)
        let fields2 = referencedFieldsAndFragmentNames(fragment2)
        collectConflictsBetween(&conflicts, exclusive, fields1, fields2)
        for referenced2 in fields2.fragmentNames {
            if conflicts.isFull { return }
            collectConflictsBetweenFragments(&conflicts, exclusive, name1, referenced2)
        }
        for referenced1 in fields1.fragmentNames {
            if conflicts.isFull { return }
            collectConflictsBetweenFragments(&conflicts, exclusive, referenced1, name2)
        }
    }

    private func conflictsBetweenSubselections(
        _ exclusive: Bool, _ parentType1: GraphQLNamedType?, _ selectionSet1: SelectionSet,
        _ parentType2: GraphQLNamedType?, _ selectionSet2: SelectionSet
    ) -> [FieldConflict] {
        var conflicts = ConflictList(limit: .max)
        let fields1 = fieldsAndFragmentNames(parentType1, selectionSet1)
        let fields2 = fieldsAndFragmentNames(parentType2, selectionSet2)
        collectConflictsBetween(&conflicts, exclusive, fields1, fields2)
        for name2 in fields2.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, exclusive, fields1, name2)
        }
        for name1 in fields1.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, exclusive, fields2, name1)
        }
        for name1 in fields1.fragmentNames {
            for name2 in fields2.fragmentNames {
                collectConflictsBetweenFragments(&conflicts, exclusive, name1, name2)
            }
        }
        return conflicts.items
    }

    /// Every pair of fields with one response key in one set ("within").
    private func collectConflictsWithin(_ conflicts: inout ConflictList, _ fields: FieldsAndFragments) {
        for (key, group) in zip(fields.keys, fields.groups) where group.count > 1 {
            let classes = group.count > 2 ? group.map(classID) : nil
            var cleanRows: Set<Int> = []
            for i in group.indices {
                if let classes, cleanRows.contains(classes[i]) { continue }
                var rowIsClean = true
                for j in (i + 1)..<group.count {
                    let pair = classes.map { ClassPair(first: $0[i], second: $0[j], exclusive: false) }
                    if let pair, mergeablePairs.contains(pair) { continue }
                    if let conflict = findConflict(false, key, group[i], group[j]) {
                        rowIsClean = false
                        conflicts.append(conflict)
                        if conflicts.isFull { return }
                    } else if let pair {
                        mergeablePairs.insert(pair)
                    }
                }
                if let classes, rowIsClean { cleanRows.insert(classes[i]) }
            }
        }
    }

    /// Every field of one set against every field of the other with the same response key
    /// ("between").
    private func collectConflictsBetween(
        _ conflicts: inout ConflictList, _ exclusive: Bool, _ fields1: FieldsAndFragments, _ fields2: FieldsAndFragments
    ) {
        for (key, group1) in zip(fields1.keys, fields1.groups) {
            guard let position = fields2.position[key] else { continue }
            let group2 = fields2.groups[position]
            let useClasses = group1.count * group2.count > 2
            let classes1 = useClasses ? group1.map(classID) : nil
            let classes2 = useClasses ? group2.map(classID) : nil
            var cleanRows: Set<Int> = []
            for i in group1.indices {
                if let classes1, cleanRows.contains(classes1[i]) { continue }
                var rowIsClean = true
                for j in group2.indices {
                    var pair: ClassPair?
                    if let classes1, let classes2 {
                        pair = ClassPair(first: classes1[i], second: classes2[j], exclusive: exclusive)
                    }
                    if let pair, mergeablePairs.contains(pair) { continue }
                    if let conflict = findConflict(exclusive, key, group1[i], group2[j]) {
                        rowIsClean = false
                        conflicts.append(conflict)
                        if conflicts.isFull { return }
                    } else if let pair {
                        mergeablePairs.insert(pair)
                    }
                }
                if let classes1, rowIsClean { cleanRows.insert(classes1[i]) }
            }
        }
    }

    // MARK: - Comparing two fields

    private func findConflict(
        _ parentFieldsAreExclusive: Bool, _ responseName: String, _ field1: CollectedField, _ field2: CollectedField
    ) -> FieldConflict? {
        var exclusive = parentFieldsAreExclusive
        if !exclusive, case .object(let object1)? = field1.parentType, case .object(let object2)? = field2.parentType,
            object1 !== object2
        {
            exclusive = true
        }
        let node1 = field1.node
        let node2 = field2.node
        if !exclusive {
            if node1.name.value != node2.name.value {
                return FieldConflict(
                    responseName: responseName,
                    reason: .message("\"\(node1.name.value)\" and \"\(node2.name.value)\" are different fields"),
                    fields1: [node1.location], fields2: [node2.location])
            }
            if !argumentsAreEqual(node1.arguments, node2.arguments) {
                return FieldConflict(
                    responseName: responseName, reason: .message("they have differing arguments"),
                    fields1: [node1.location], fields2: [node2.location])
            }
        }
        let type1 = field1.definition?.type
        let type2 = field2.definition?.type
        if let type1, let type2, doTypesConflict(type1, type2) {
            return FieldConflict(
                responseName: responseName,
                reason: .message("they return conflicting types \"\(type1)\" and \"\(type2)\""),
                fields1: [node1.location], fields2: [node2.location])
        }
        guard let selectionSet1 = node1.selectionSet, let selectionSet2 = node2.selectionSet else { return nil }
        let subconflicts = conflictsBetweenSubselections(
            exclusive, type1?.namedType, selectionSet1, type2?.namedType, selectionSet2)
        guard !subconflicts.isEmpty else { return nil }
        return FieldConflict(
            responseName: responseName,
            reason: .subfields(subconflicts.map { ($0.responseName, $0.reason) }),
            fields1: [node1.location] + subconflicts.flatMap(\.fields1),
            fields2: [node2.location] + subconflicts.flatMap(\.fields2))
    }

    /// Whether two output types cannot hold the same response value: different list or
    /// non-null wrapping, or different leaf types.
    private func doTypesConflict(_ type1: GraphQLType, _ type2: GraphQLType) -> Bool {
        switch (type1, type2) {
        case (.list(let inner1), .list(let inner2)): return doTypesConflict(inner1, inner2)
        case (.list, _), (_, .list): return true
        case (.nonNull(let inner1), .nonNull(let inner2)): return doTypesConflict(inner1, inner2)
        case (.nonNull, _), (_, .nonNull): return true
        case (.named(let named1), .named(let named2)):
            if named1.isLeafType || named2.isLeafType { return named1 != named2 }
            return false
        }
    }

    // MARK: - Collecting fields

    private func referencedFieldsAndFragmentNames(_ fragment: FragmentDefinition) -> FieldsAndFragments {
        if let key = cacheKey(fragment.selectionSet), let cached = cachedFields[key] { return cached }
        let type = context.schema.namedType(fragment.typeCondition.name.value)
        return fieldsAndFragmentNames(type, fragment.selectionSet)
    }

    private func fieldsAndFragmentNames(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSet)
        -> FieldsAndFragments
    {
        let key = cacheKey(selectionSet)
        if let key, let cached = cachedFields[key] { return cached }
        let result = FieldsAndFragments()
        var fragmentNames: Set<String> = []
        collectFields(parentType, selectionSet, into: result, &fragmentNames)
        if let key { cachedFields[key] = result }
        return result
    }

    private func collectFields(
        _ parentType: GraphQLNamedType?, _ selectionSet: SelectionSet, into result: FieldsAndFragments,
        _ fragmentNames: inout Set<String>
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let definition = parentType?.field(named: field.name.value)
                result.append(CollectedField(parentType: parentType, node: field, definition: definition))
            case .fragmentSpread(let spread):
                if fragmentNames.insert(spread.name.value).inserted { result.fragmentNames.append(spread.name.value) }
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { context.schema.namedType($0.name.value) } ?? parentType
                collectFields(type, fragment.selectionSet, into: result, &fragmentNames)
            }
        }
    }

    /// Selection sets are told apart by where they start in the source; a node without a
    /// real location (built in code) is simply not cached.
    private func cacheKey(_ selectionSet: SelectionSet) -> Int? {
        selectionSet.location.end > selectionSet.location.start ? selectionSet.location.start : nil
    }

    // MARK: - Remembered comparisons

    private func hasComparedFragments(_ name1: String, _ name2: String, _ exclusive: Bool) -> Bool {
        guard let comparedAsExclusive = comparedFragmentPairs[FragmentPair(name1, name2)] else { return false }
        // A pair compared as non-exclusive covers the exclusive comparison too.
        return exclusive ? true : comparedAsExclusive == exclusive
    }

    private func markComparedFragments(_ name1: String, _ name2: String, _ exclusive: Bool) {
        comparedFragmentPairs[FragmentPair(name1, name2)] = exclusive
    }

    private func classID(_ field: CollectedField) -> Int {
        let shape = FieldShape(
            parentType: field.parentType, name: field.node.name.value, arguments: field.node.arguments,
            selectionSet: field.node.selectionSet)
        if let id = fieldClasses[shape] { return id }
        let id = fieldClasses.count
        fieldClasses[shape] = id
        return id
    }
}

// MARK: - Supporting types

/// A field as collected from a selection set: the type it is selected on, its node, and its
/// definition there (meta-fields have none, as in graphql-js).
struct CollectedField {
    var parentType: GraphQLNamedType?
    var node: Field
    var definition: GraphQLField?
}

/// The fields of a selection set (inline fragments flattened) grouped by response key in
/// order of appearance, and the names of the fragments it spreads.
final class FieldsAndFragments {
    private(set) var keys: [String] = []
    private(set) var groups: [[CollectedField]] = []
    private(set) var position: [String: Int] = [:]
    var fragmentNames: [String] = []

    func append(_ field: CollectedField) {
        let key = field.node.responseKey
        if let index = position[key] {
            groups[index].append(field)
        } else {
            position[key] = keys.count
            keys.append(key)
            groups.append([field])
        }
    }
}

/// The conflicts found so far, up to a limit.
private struct ConflictList {
    let limit: Int
    private(set) var items: [FieldConflict] = []

    init(limit: Int) {
        self.limit = limit
    }

    var isFull: Bool { items.count >= limit }

    mutating func append(_ conflict: FieldConflict) { items.append(conflict) }
}

/// Two fragment names, in either order.
private struct FragmentPair: Hashable {
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
/// equal shapes are interchangeable.
private struct FieldShape: Hashable {
    var parentType: GraphQLNamedType?
    var name: String
    var arguments: [Argument]
    var selectionSet: SelectionSet?
}

/// Two field classes compared, in order, under one exclusivity.
private struct ClassPair: Hashable {
    var first: Int
    var second: Int
    var exclusive: Bool
}

// MARK: - Argument equality

/// Whether two argument lists print the same once sorted by name, objects' fields sorted too
/// (graphql-js compares `print(sortValueNode(…))`), compared structurally rather than printed.
private func argumentsAreEqual(_ arguments1: [Argument], _ arguments2: [Argument]) -> Bool {
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
