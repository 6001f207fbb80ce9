import GraphQLLanguage

/// Finds input objects that contain themselves through non-null fields, which no finite
/// value could satisfy (spec §3.10 "Input Objects", "InputObjectDefaultValueHasCycle" and
/// the circular-reference rule).
///
/// Depth first from each input object, remembering the path of fields; each input object is
/// explored once, so each cycle is reported once, from the first type of it met.
struct InputObjectCycleDetector {
    private var visited: Set<String> = []
    private var fieldPath: [InputValue] = []
    private var pathIndexByType: [String: Int] = [:]

    mutating func detect(from inputObject: InputObjectType, _ validator: inout SchemaValidator) {
        guard visited.insert(inputObject.name).inserted else { return }
        pathIndexByType[inputObject.name] = fieldPath.count
        for field in inputObject.fields {
            guard case .nonNull(.named(.inputObject(let fieldType))) = field.type else { continue }
            fieldPath.append(field)
            if let cycleStart = pathIndexByType[fieldType.name] {
                let cycle = fieldPath[cycleStart...]
                validator.report(
                    "Cannot reference Input Object \"\(fieldType.name)\" within itself through a series of non-null fields: \"\(cycle.map(\.name).joined(separator: "."))\".",
                    at: cycle.map { $0.astNode?.location })
            } else {
                detect(from: fieldType, &validator)
            }
            fieldPath.removeLast()
        }
        pathIndexByType[inputObject.name] = nil
    }
}
