import GraphQLLanguage

/// Finds input objects that contain themselves through non-null fields, which no finite
/// value could satisfy (spec §3.10 "Input Objects", "InputObjectDefaultValueHasCycle" and
/// the circular-reference rule).
///
/// Depth first from each input object, remembering the path of fields; each input object is
/// explored once, so each cycle is reported once, from the first type of it met.
struct InputObjectCycleDetector {
    private var visited: Set<String> = []

    /// Explores from `root` with an explicit stack (long chains of input types must not
    /// exhaust the call stack), in the order a recursive walk would take.
    mutating func detect(from root: InputObjectType, _ validator: inout SchemaValidator) {
        guard visited.insert(root.name).inserted else { return }
        var fieldPath: [InputValue] = []
        var pathIndexByType: [String: Int] = [root.name: 0]
        var stack: [(inputObject: InputObjectType, nextField: Int)] = [(root, 0)]
        while let (inputObject, nextField) = stack.last {
            guard nextField < inputObject.fields.count else {
                stack.removeLast()
                pathIndexByType[inputObject.name] = nil
                if !fieldPath.isEmpty && !stack.isEmpty { fieldPath.removeLast() }
                continue
            }
            stack[stack.count - 1].nextField += 1
            let field = inputObject.fields[nextField]
            guard case .nonNull(.named(.inputObject(let fieldType))) = field.type else { continue }
            if let cycleStart = pathIndexByType[fieldType.name] {
                let cycle = fieldPath[cycleStart...] + [field]
                validator.report(
                    "Cannot reference Input Object \"\(fieldType.name)\" within itself through a series of non-null fields: \"\(cycle.map(\.name).joined(separator: "."))\".",
                    at: cycle.map { $0.astNode?.location })
            } else if visited.insert(fieldType.name).inserted {
                fieldPath.append(field)
                pathIndexByType[fieldType.name] = fieldPath.count
                stack.append((fieldType, 0))
            }
        }
    }
}
