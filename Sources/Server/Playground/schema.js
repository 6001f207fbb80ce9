// The schema as the playground knows it: the answer to one introspection query, indexed by name.

export const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

/** Wraps `data.__schema` with lookups; type references stay in introspection's {kind, name, ofType} shape. */
export function buildSchema(data) {
  const raw = data.__schema;
  const types = new Map(raw.types.map((t) => [t.name, t]));
  const introspectionFields = [
    { name: '__schema', description: 'Access the current type schema of this server.', args: [],
      type: { kind: 'NON_NULL', ofType: { kind: 'OBJECT', name: '__Schema' } } },
    { name: '__type', description: 'Request the type information of a single type.',
      args: [{ name: 'name', type: { kind: 'NON_NULL', ofType: { kind: 'SCALAR', name: 'String' } } }],
      type: { kind: 'OBJECT', name: '__Type' } },
  ];
  const typename = { name: '__typename', description: 'The name of the current Object type at runtime.', args: [],
    type: { kind: 'NON_NULL', ofType: { kind: 'SCALAR', name: 'String' } } };
  return {
    types,
    directives: raw.directives,
    queryType: raw.queryType?.name ?? null,
    mutationType: raw.mutationType?.name ?? null,
    subscriptionType: raw.subscriptionType?.name ?? null,
    type(name) { return types.get(name); },
    rootType(operation) {
      return { query: this.queryType, mutation: this.mutationType, subscription: this.subscriptionType }[operation];
    },
    /** The fields selectable on `typeName`, meta-fields included. */
    fields(typeName) {
      const type = types.get(typeName);
      if (!type || !isComposite(type)) return [];
      const own = type.fields ?? [];
      return [...own, typename, ...(typeName === this.queryType ? introspectionFields : [])];
    },
    field(typeName, name) { return this.fields(typeName).find((f) => f.name === name); },
    directive(name) { return raw.directives.find((d) => d.name === name); },
  };
}

export const isComposite = (type) => ['OBJECT', 'INTERFACE', 'UNION'].includes(type?.kind);
export const isLeaf = (type) => ['SCALAR', 'ENUM'].includes(type?.kind);
export const isInput = (type) => ['SCALAR', 'ENUM', 'INPUT_OBJECT'].includes(type?.kind);

/** The innermost named type of a reference. */
export function namedType(ref) {
  while (ref && ref.ofType) ref = ref.ofType;
  return ref?.name ?? null;
}

/** `[User!]!` for a reference. */
export function typeString(ref) {
  if (!ref) return '';
  if (ref.kind === 'NON_NULL') return typeString(ref.ofType) + '!';
  if (ref.kind === 'LIST') return `[${typeString(ref.ofType)}]`;
  return ref.name;
}
