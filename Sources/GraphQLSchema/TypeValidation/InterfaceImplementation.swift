import GraphQLLanguage

// MARK: - IsValidImplementation (spec §3.6 "Objects", §3.7 "Interfaces")

extension SchemaValidator {
    /// Each declared interface is an interface, other than the type itself, declared once,
    /// with its own interfaces declared too, and its fields provided.
    mutating func validateInterfaces(of type: GraphQLNamedType) {
        var seen: Set<String> = []
        for declared in type.interfaces {
            guard case .interface(let interface) = declared else {
                report(
                    "Type \(type.name) must only implement Interface types, it cannot implement \(declared.name).",
                    at: implementsNodes(of: type, naming: declared.name))
                continue
            }
            if declared == type {
                report(
                    "Type \(type.name) cannot implement itself because it would create a circular reference.",
                    at: implementsNodes(of: type, naming: declared.name))
                continue
            }
            guard seen.insert(interface.name).inserted else {
                report(
                    "Type \(type.name) can only implement \(interface.name) once.",
                    at: implementsNodes(of: type, naming: declared.name))
                continue
            }
            validateImplementsAncestors(type, declared)
            validateImplementsInterface(type, declared)
        }
    }

    /// A type implementing an interface also declares the interfaces that one implements.
    private mutating func validateImplementsAncestors(_ type: GraphQLNamedType, _ interface: GraphQLNamedType) {
        let declared = type.interfaces
        for transitive in interface.interfaces where !declared.contains(transitive) {
            let message =
                transitive == type
                ? "Type \(type.name) cannot implement \(interface.name) because it would create a circular reference."
                : "Type \(type.name) must implement \(transitive.name) because it is implemented by \(interface.name)."
            report(
                message,
                at: implementsNodes(of: interface, naming: transitive.name) + implementsNodes(of: type, naming: interface.name))
        }
    }

    /// Every interface field is provided with a covariant type, the same arguments of equal
    /// types, and no further required arguments.
    private mutating func validateImplementsInterface(_ type: GraphQLNamedType, _ interface: GraphQLNamedType) {
        for interfaceField in interface.fields {
            let name = interfaceField.name
            guard let typeField = type.field(named: name) else {
                report(
                    "Interface field \(interface.name).\(name) expected but \(type.name) does not provide it.",
                    at: [interfaceField.astNode?.location] + type.allNodeLocations.map { Optional($0) })
                continue
            }
            if !isTypeSubType(typeField.type, of: interfaceField.type) {
                report(
                    "Interface field \(interface.name).\(name) expects type \(interfaceField.type) but \(type.name).\(name) is type \(typeField.type).",
                    at: [interfaceField.astNode?.type.location, typeField.astNode?.type.location])
            }
            for interfaceArgument in interfaceField.arguments {
                let argumentName = interfaceArgument.name
                guard let typeArgument = typeField.argument(named: argumentName) else {
                    report(
                        "Interface field argument \(interface.name).\(name)(\(argumentName):) expected but \(type.name).\(name) does not provide it.",
                        at: [interfaceArgument.astNode?.location, typeField.astNode?.location])
                    continue
                }
                if interfaceArgument.type != typeArgument.type {
                    report(
                        "Interface field argument \(interface.name).\(name)(\(argumentName):) expects type \(interfaceArgument.type) but \(type.name).\(name)(\(argumentName):) is type \(typeArgument.type).",
                        at: [interfaceArgument.astNode?.type.location, typeArgument.astNode?.type.location])
                }
            }
            for typeArgument in typeField.arguments
            where typeArgument.isRequired && interfaceField.argument(named: typeArgument.name) == nil {
                report(
                    "Object field \(type.name).\(name) includes required argument \(typeArgument.name) that is missing from the Interface field \(interface.name).\(name).",
                    at: [typeArgument.astNode?.location, interfaceField.astNode?.location])
            }
        }
    }

    /// The `implements` entries of a type's definition and extensions that name `interface`.
    private func implementsNodes(of type: GraphQLNamedType, naming interface: String) -> [Location] {
        let definitions: [TypeDefinition] = (type.definitionNode.map { [$0] } ?? []) + type.extensionNodes.map(\.definition)
        return definitions.flatMap { definition -> [NamedType] in
            switch definition {
            case .object(let node): node.interfaces
            case .interface(let node): node.interfaces
            default: []
            }
        }.filter { $0.name.value == interface }.map(\.location)
    }

    /// isTypeSubTypeOf: whether a field of type `maybeSubType` may stand for one of type
    /// `superType` (covariance, spec §3.6 "IsValidImplementationFieldType").
    func isTypeSubType(_ maybeSubType: GraphQLType, of superType: GraphQLType) -> Bool {
        if maybeSubType == superType { return true }
        if case .nonNull(let superInner) = superType {
            if case .nonNull(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superInner) }
            return false
        }
        if case .nonNull(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superType) }
        if case .list(let superInner) = superType {
            if case .list(let subInner) = maybeSubType { return isTypeSubType(subInner, of: superInner) }
            return false
        }
        if case .list = maybeSubType { return false }
        guard case .named(let superNamed) = superType, case .named(let subNamed) = maybeSubType,
            superNamed.isAbstractType
        else { return false }
        switch subNamed {
        case .object, .interface:
            return subTypes[superNamed.name]?.contains(subNamed.name) ?? false
        default:
            return false
        }
    }
}
