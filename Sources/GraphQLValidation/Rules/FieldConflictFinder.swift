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
    private var classByLocation: [FieldOccurrence: Int] = [:]
    private var mergeablePairs: Set<ClassPair> = []

    /// Fragments whose spreads lead back to themselves, at any depth. Such a document is
    /// invalid (`NoFragmentCyclesRule` reports it), and comparing fields through a fragment
    /// nested in a field of itself may never end: in the fields' selections inside such
    /// fragments, the search leaves out spreads of such fragments (`isCutSpread`). Spreads
    /// elsewhere, at a fragment's top level included, are compared as graphql-js compares them
    /// (its remembered fragment pairs end those), so the conflicts it reports around a cycle
    /// are reported too.
    private lazy var cyclicFragments: Set<String> = Self.cyclicFragments(in: context)
    /// Where the top-level selections of `cyclicFragments` start.
    private lazy var cyclicTops: Set<Int> = Set(context.document.definitions.compactMap { definition in
        guard case .fragment(let fragment) = definition, cyclicFragments.contains(fragment.name.value) else { return nil }
        return fragment.selectionSet.location.start
    })
    /// Where the definitions of `cyclicFragments` lie in the source, in order.
    private lazy var cyclicRanges: [Range<Int>] = context.document.definitions.compactMap { definition in
        guard case .fragment(let fragment) = definition, cyclicFragments.contains(fragment.name.value) else { return nil }
        return fragment.location.start..<fragment.location.end
    }.sorted { $0.lowerBound < $1.lowerBound }

    /// Whether a spread is one of a fragment on a cycle, written inside a fragment on a cycle.
    private func isCutSpread(_ spread: FragmentSpread) -> Bool {
        guard cyclicFragments.contains(spread.name.value) else { return false }
        let position = spread.location.start
        var low = 0
        var high = cyclicRanges.count
        while low < high {  // the first range starting after the spread
            let middle = (low + high) / 2
            if cyclicRanges[middle].lowerBound <= position { low = middle + 1 } else { high = middle }
        }
        return low > 0 && cyclicRanges[low - 1].contains(position)
    }

    init(context: ValidationContext) {
        self.context = context
    }

    /// The fragments on a cycle of spreads: those in a strongly connected component of more
    /// than one fragment, or spreading themselves (Kosaraju's two passes, without recursion,
    /// since a hostile document may chain thousands of fragments).
    static func cyclicFragments(in context: ValidationContext) -> Set<String> {
        var spreads: [String: Set<String>] = [:]
        for (index, definition) in context.document.definitions.enumerated() {
            guard case .fragment(let fragment) = definition else { continue }
            spreads[fragment.name.value, default: []].formUnion(
                context.fragmentSpreads(ofDefinitionAt: index).map(\.name.value))
        }
        guard spreads.values.contains(where: { !$0.isEmpty }) else { return [] }
        // First pass: the order in which each fragment's search finishes.
        var finished: [String] = []
        var seen: Set<String> = []
        for start in spreads.keys.sorted() where !seen.contains(start) {
            seen.insert(start)
            var stack: [(name: String, next: [String])] = [(start, Array(spreads[start] ?? []))]
            while !stack.isEmpty {
                if let next = stack[stack.count - 1].next.popLast() {
                    guard spreads[next] != nil, seen.insert(next).inserted else { continue }
                    stack.append((next, Array(spreads[next] ?? [])))
                } else {
                    finished.append(stack.removeLast().name)
                }
            }
        }
        // Second pass, over the reversed spreads, latest finished first: each search is one
        // strongly connected component.
        var spreadBy: [String: [String]] = [:]
        for (name, targets) in spreads { for target in targets where spreads[target] != nil { spreadBy[target, default: []].append(name) } }
        var assigned: Set<String> = []
        var cyclic: Set<String> = []
        for start in finished.reversed() where !assigned.contains(start) {
            assigned.insert(start)
            var component = [start]
            var pending = [start]
            while let name = pending.popLast() {
                for other in spreadBy[name] ?? [] where assigned.insert(other).inserted {
                    component.append(other)
                    pending.append(other)
                }
            }
            if component.count > 1 || spreads[start]?.contains(start) == true { cyclic.formUnion(component) }
        }
        return cyclic
    }

    // MARK: - Entry point

    /// The conflicts among the fields a selection set selects, itself and through fragments,
    /// stopping after `limit` of them.
    func conflictsWithin(_ selectionSet: SelectionSet, parentType: GraphQLNamedType?, limit: Int) -> [FieldConflict] {
        if Self.cannotConflict(selectionSet) { return [] }
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

    /// Whether a selection set is only fields with distinct response keys: nothing in it can
    /// conflict, and (the usual case) it needs no collecting at all.
    private static func cannotConflict(_ selectionSet: SelectionSet) -> Bool {
        let selections = selectionSet.selections
        guard selections.count <= 16 else { return false }
        for i in selections.indices {
            guard case .field(let field) = selections[i] else { return false }
            let key = field.alias?.value ?? field.name.value
            for j in 0..<i {
                if case .field(let other) = selections[j], (other.alias?.value ?? other.name.value) == key {
                    return false
                }
            }
        }
        return true
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
            guard let position = fields2.position(of: key) else { continue }
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
        let type1 = field1.type
        let type2 = field2.type
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
        let type = context.schema.type(named: fragment.typeCondition.name.value)
        return fieldsAndFragmentNames(type, fragment.selectionSet)
    }

    private func fieldsAndFragmentNames(_ parentType: GraphQLNamedType?, _ selectionSet: SelectionSet)
        -> FieldsAndFragments
    {
        let key = cacheKey(selectionSet)
        if let key, let cached = cachedFields[key] { return cached }
        let result = FieldsAndFragments()
        var fragmentNames: Set<String> = []
        let cutting = !cyclicFragments.isEmpty && !cyclicTops.contains(selectionSet.location.start)
        collectFields(parentType, selectionSet, cutting: cutting, into: result, &fragmentNames)
        if let key { cachedFields[key] = result }
        return result
    }

    private func collectFields(
        _ parentType: GraphQLNamedType?, _ selectionSet: SelectionSet, cutting: Bool, into result: FieldsAndFragments,
        _ fragmentNames: inout Set<String>
    ) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let type = parentType?.field(named: field.name.value)?.type
                result.append(CollectedField(parentType: parentType, node: field, type: type))
            case .fragmentSpread(let spread):
                guard !cutting || !isCutSpread(spread) else { continue }
                if fragmentNames.insert(spread.name.value).inserted { result.fragmentNames.append(spread.name.value) }
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.map { context.schema.type(named: $0.name.value) } ?? parentType
                collectFields(type, fragment.selectionSet, cutting: cutting, into: result, &fragmentNames)
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

    /// The class of structurally equal fields a field belongs to, built bottom-up so that
    /// each field node is looked at once: its shape names its subfields by their classes.
    private func classID(_ field: CollectedField) -> Int {
        classID(of: field.node, on: field.parentType)
    }

    private func classID(of node: Field, on parentType: GraphQLNamedType?) -> Int {
        let memoKey =
            node.location.end > node.location.start ? FieldOccurrence(start: node.location.start, parentType: parentType) : nil
        if let memoKey, let id = classByLocation[memoKey] { return id }
        var children: [SelectionSignature]?
        if let selectionSet = node.selectionSet {
            let childParent = parentType?.field(named: node.name.value)?.type.namedType
            children = signature(of: selectionSet, on: childParent)
        }
        let shape = FieldShape(
            parentType: parentType, name: node.name.value, arguments: node.arguments, children: children)
        let id: Int
        if let existing = fieldClasses[shape] {
            id = existing
        } else {
            id = fieldClasses.count
            fieldClasses[shape] = id
        }
        if let memoKey { classByLocation[memoKey] = id }
        return id
    }

    private func signature(of selectionSet: SelectionSet, on parentType: GraphQLNamedType?) -> [SelectionSignature] {
        selectionSet.selections.map { selection in
            switch selection {
            case .field(let field):
                .field(alias: field.alias?.value, classID: classID(of: field, on: parentType))
            case .fragmentSpread(let spread):
                .spread(spread.name.value)
            case .inlineFragment(let fragment):
                .inline(
                    typeCondition: fragment.typeCondition?.name.value,
                    signature(
                        of: fragment.selectionSet,
                        on: fragment.typeCondition.map { context.schema.type(named: $0.name.value) } ?? parentType))
            }
        }
    }
}
