// Type-system errors injected into a valid SDL document (as an AST): each mutation breaks one
// rule that validateSDL or validateSchema enforces. Returns the mutation's name, or null when
// the document has nothing it applies to.
import { Kind, name, namedType, nonNullType, listType, directive, argument, stringValue } from './ast.mjs';

const clone = (node) => JSON.parse(JSON.stringify(node));
const isType = (d) => d.kind.endsWith('TypeDefinition');
const of = (defs, ...kinds) => defs.filter((d) => kinds.includes(d.kind));
const innermost = (t) => (t.kind === Kind.NAMED_TYPE ? t : innermost(t.type));
const field = (n, type, args = []) => ({ kind: Kind.FIELD_DEFINITION, name: name(n), type, arguments: args, directives: [] });
const inputValue = (n, type) => ({ kind: Kind.INPUT_VALUE_DEFINITION, name: name(n), type, directives: [] });
const allFields = (defs) => of(defs, Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_EXTENSION).flatMap((d) => d.fields ?? []);
const typeNamed = (defs, n) => defs.find((d) => isType(d) && d.name.value === n);

const MUTATIONS = {
  'unknown-type'(r, defs) {
    const fields = allFields(defs);
    if (!fields.length) return false;
    innermost(r.pick(fields).type).name.value = r.pick(['Missing', 'Strin', 'int', 'Query2']);
    return true;
  },
  'unknown-interface'(r, defs) {
    const objects = of(defs, Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION);
    if (!objects.length) return false;
    r.pick(objects).interfaces.push(namedType('Nope'));
    return true;
  },
  'duplicate-type'(r, defs) {
    const types = defs.filter(isType);
    if (!types.length) return false;
    defs.splice(r.int(defs.length + 1), 0, clone(r.pick(types)));
    return true;
  },
  'duplicate-field'(r, defs) {
    const withFields = defs.filter((d) => d.fields?.length);
    if (!withFields.length) return false;
    const d = r.pick(withFields);
    d.fields.splice(r.int(d.fields.length + 1), 0, clone(r.pick(d.fields)));
    return true;
  },
  'duplicate-enum-value'(r, defs) {
    const enums = of(defs, Kind.ENUM_TYPE_DEFINITION, Kind.ENUM_TYPE_EXTENSION).filter((d) => d.values?.length);
    if (!enums.length) return false;
    const d = r.pick(enums);
    d.values.push(clone(r.pick(d.values)));
    return true;
  },
  'duplicate-argument'(r, defs) {
    const fields = allFields(defs).filter((f) => f.arguments.length);
    if (!fields.length) return false;
    const f = r.pick(fields);
    f.arguments.push(clone(r.pick(f.arguments)));
    return true;
  },
  'duplicate-directive-definition'(r, defs) {
    const ds = of(defs, Kind.DIRECTIVE_DEFINITION);
    defs.push(ds.length ? clone(r.pick(ds)) : { kind: Kind.DIRECTIVE_DEFINITION, name: name(r.pick(['skip', 'deprecated', 'include', 'specifiedBy'])), arguments: [], repeatable: false, locations: [name('FIELD')] });
    return true;
  },
  'missing-interface-field'(r, defs) {
    const objects = of(defs, Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION).filter((d) => d.interfaces.length && d.fields.length);
    if (!objects.length) return false;
    const o = r.pick(objects);
    const iface = typeNamed(defs, o.interfaces[0].name.value);
    const names = new Set((iface?.fields ?? []).map((f) => f.name.value));
    const i = o.fields.findIndex((f) => names.has(f.name.value));
    if (i < 0) return false;
    o.fields.splice(i, 1);
    return true;
  },
  'wrong-interface-field-type'(r, defs) {
    const objects = of(defs, Kind.OBJECT_TYPE_DEFINITION).filter((d) => d.interfaces.length && d.fields.length);
    if (!objects.length) return false;
    const o = r.pick(objects);
    const f = o.fields[0];
    f.type = r.chance(0.5) ? listType(f.type.kind === Kind.NON_NULL_TYPE ? f.type.type : f.type) : namedType(innermost(f.type).name.value === 'String' ? 'Int' : 'String');
    return true;
  },
  'missing-interface-argument'(r, defs) {
    const objects = of(defs, Kind.OBJECT_TYPE_DEFINITION).filter((d) => d.interfaces.length && d.fields.some((f) => f.arguments.length));
    if (!objects.length) return false;
    const f = r.pick(r.pick(objects).fields.filter((x) => x.arguments.length));
    if (r.chance(0.5)) f.arguments.pop();
    else f.arguments.push(inputValue('required' + r.int(3), nonNullType(namedType('Int'))));
    return true;
  },
  'implements-non-interface'(r, defs) {
    const objects = of(defs, Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION);
    const others = defs.filter((d) => isType(d) && d.kind !== Kind.INTERFACE_TYPE_DEFINITION);
    if (!objects.length || !others.length) return false;
    const o = r.pick(objects);
    o.interfaces.push(namedType(r.chance(0.3) ? o.name.value : r.pick(others).name.value));
    return true;
  },
  'missing-transitive-interface'(r, defs) {
    const candidates = of(defs, Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION).filter((d) => d.interfaces.length >= 2);
    if (!candidates.length) return false;
    const d = r.pick(candidates);
    d.interfaces.splice(r.int(d.interfaces.length), 1);
    return true;
  },
  'interface-cycle'(r, defs) {
    const ifaces = of(defs, Kind.INTERFACE_TYPE_DEFINITION);
    if (!ifaces.length) return false;
    const a = r.pick(ifaces);
    const b = r.pick(ifaces);
    a.interfaces.push(namedType(b.name.value));
    if (a !== b) b.interfaces.push(namedType(a.name.value));
    return true;
  },
  'input-cycle'(r, defs) {
    const inputs = of(defs, Kind.INPUT_OBJECT_TYPE_DEFINITION);
    if (!inputs.length) return false;
    const a = r.pick(inputs);
    const b = r.pick(inputs);
    a.fields.push(inputValue('next', nonNullType(namedType(b.name.value))));
    if (a !== b) b.fields.push(inputValue('back', nonNullType(namedType(a.name.value))));
    return true;
  },
  'reserved-name'(r, defs) {
    const targets = [
      ...defs.filter((d) => isType(d) || d.kind === Kind.DIRECTIVE_DEFINITION),
      ...allFields(defs), ...allFields(defs).flatMap((f) => f.arguments),
      ...of(defs, Kind.ENUM_TYPE_DEFINITION).flatMap((e) => e.values),
      ...of(defs, Kind.INPUT_OBJECT_TYPE_DEFINITION).flatMap((e) => e.fields),
    ];
    if (!targets.length) return false;
    const t = r.pick(targets);
    t.name = name('__' + t.name.value);
    return true;
  },
  'missing-query-root'(r, defs) {
    const rootNames = new Set(of(defs, Kind.SCHEMA_DEFINITION).flatMap((s) => s.operationTypes.filter((o) => o.operation === 'query').map((o) => o.type.name.value)));
    rootNames.add('Query');
    for (let i = defs.length - 1; i >= 0; i--) {
      const d = defs[i];
      if (d.name && rootNames.has(d.name.value) && d.kind.startsWith('Object')) defs.splice(i, 1);
      else if (d.kind === Kind.SCHEMA_DEFINITION || d.kind === Kind.SCHEMA_EXTENSION) {
        d.operationTypes = d.operationTypes?.filter((o) => o.operation !== 'query');
        if (!d.operationTypes?.length && !d.directives?.length) defs.splice(i, 1);
      }
    }
    return true;
  },
  'root-not-object'(r, defs) {
    const others = defs.filter((d) => isType(d) && d.kind !== Kind.OBJECT_TYPE_DEFINITION);
    const target = others.length ? r.pick(others).name.value : r.pick(['String', 'Int', 'Missing']);
    const schemas = of(defs, Kind.SCHEMA_DEFINITION);
    if (schemas.length) r.pick(schemas).operationTypes.push({ kind: Kind.OPERATION_TYPE_DEFINITION, operation: r.pick(['query', 'mutation', 'subscription']), type: namedType(target) });
    else defs.push({ kind: Kind.SCHEMA_DEFINITION, directives: [], operationTypes: [{ kind: Kind.OPERATION_TYPE_DEFINITION, operation: 'query', type: namedType(target) }] });
    return true;
  },
  'duplicate-schema'(r, defs) {
    defs.splice(r.int(defs.length + 1), 0, { kind: r.pick([Kind.SCHEMA_DEFINITION, Kind.SCHEMA_EXTENSION]), directives: [], operationTypes: [{ kind: Kind.OPERATION_TYPE_DEFINITION, operation: 'query', type: namedType('Query') }] });
    return true;
  },
  'union-member'(r, defs) {
    const unions = of(defs, Kind.UNION_TYPE_DEFINITION);
    const nonObjects = defs.filter((d) => isType(d) && d.kind !== Kind.OBJECT_TYPE_DEFINITION);
    if (!unions.length) return false;
    const u = r.pick(unions);
    u.types.push(namedType(nonObjects.length && r.chance(0.8) ? r.pick(nonObjects).name.value : r.pick(['String', u.name.value, ...u.types.map((t) => t.name.value)])));
    return true;
  },
  'empty-type'(r, defs) {
    const t = r.pick([
      { kind: Kind.OBJECT_TYPE_DEFINITION, name: name('Empty'), interfaces: [], directives: [], fields: [] },
      { kind: Kind.INTERFACE_TYPE_DEFINITION, name: name('EmptyInterface'), interfaces: [], directives: [], fields: [] },
      { kind: Kind.UNION_TYPE_DEFINITION, name: name('EmptyUnion'), directives: [], types: [] },
      { kind: Kind.ENUM_TYPE_DEFINITION, name: name('EmptyEnum'), directives: [], values: [] },
      { kind: Kind.INPUT_OBJECT_TYPE_DEFINITION, name: name('EmptyInput'), directives: [], fields: [] },
    ]);
    defs.splice(r.int(defs.length + 1), 0, t);
    return true;
  },
  'output-as-input'(r, defs) {
    const outputs = of(defs, Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION, Kind.UNION_TYPE_DEFINITION);
    const fields = allFields(defs);
    if (!outputs.length || !fields.length) return false;
    r.pick(fields).arguments.push(inputValue('bad', namedType(r.pick(outputs).name.value)));
    return true;
  },
  'input-as-output'(r, defs) {
    const inputs = of(defs, Kind.INPUT_OBJECT_TYPE_DEFINITION);
    const fields = allFields(defs);
    if (!inputs.length || !fields.length) return false;
    innermost(r.pick(fields).type).name.value = r.pick(inputs).name.value;
    return true;
  },
  'bad-directive-use'(r, defs) {
    const targets = defs.filter((d) => d.directives && d.kind !== Kind.DIRECTIVE_DEFINITION);
    if (!targets.length) return false;
    const t = r.pick(targets);
    const custom = of(defs, Kind.DIRECTIVE_DEFINITION);
    const use = r.weighted([
      [2, () => directive('unknownDirective')],
      [2, () => directive(r.pick(['skip', 'include', 'deprecated', 'specifiedBy']), [argument('if', { kind: Kind.BOOLEAN, value: true })])],
      [1, () => directive('deprecated', [argument('reason', stringValue('twice'))])],
      [2, () => (custom.length ? directive(r.pick(custom).name.value, [argument('notAnArgument', { kind: Kind.INT, value: '1' })]) : directive('nope'))],
      [1, () => directive('specifiedBy')],
    ])();
    t.directives.push(use);
    if (r.chance(0.3)) t.directives.push(clone(use));
    return true;
  },
  'bad-extension'(r, defs) {
    const types = defs.filter(isType);
    const pick = r.weighted([
      [2, () => ({ kind: Kind.OBJECT_TYPE_EXTENSION, name: name(r.pick(['Unknown', 'String', 'Query'])), interfaces: [], directives: [], fields: [field('extra', namedType('Int'))] })],
      [2, () => (types.length ? { kind: r.pick([Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_EXTENSION, Kind.INPUT_OBJECT_TYPE_EXTENSION, Kind.ENUM_TYPE_EXTENSION, Kind.UNION_TYPE_EXTENSION, Kind.SCALAR_TYPE_EXTENSION]), name: name(r.pick(types).name.value), interfaces: [], directives: [directive('deprecated')], fields: [], values: [], types: [] } : null)],
      [1, () => ({ kind: Kind.SCALAR_TYPE_EXTENSION, name: name('Int'), directives: [directive('specifiedBy', [argument('url', stringValue('x'))])] })],
      [1, () => ({ kind: Kind.SCHEMA_EXTENSION, directives: [], operationTypes: [{ kind: Kind.OPERATION_TYPE_DEFINITION, operation: 'query', type: namedType('Query') }] })],
    ])();
    if (!pick) return false;
    defs.splice(r.int(defs.length + 1), 0, pick);
    return true;
  },
  'deprecated-required'(r, defs) {
    const fields = allFields(defs);
    const inputs = of(defs, Kind.INPUT_OBJECT_TYPE_DEFINITION);
    const target = r.chance(0.5) && fields.length ? r.pick(fields).arguments : inputs.length ? r.pick(inputs).fields : null;
    if (!target) return false;
    target.push({ ...inputValue('legacy', nonNullType(namedType('String'))), directives: [directive('deprecated')] });
    return true;
  },
  'bad-deprecation-reason'(r, defs) {
    const fields = allFields(defs);
    if (!fields.length) return false;
    r.pick(fields).directives.push(directive('deprecated', [argument('reason', r.pick([{ kind: Kind.INT, value: '1' }, { kind: Kind.LIST, values: [] }, { kind: Kind.ENUM, value: 'WHY' }]))]));
    return true;
  },
};

export const SCHEMA_ERROR_KINDS = Object.keys(MUTATIONS);

/** Applies one named mutation (or a random applicable one) to `document` in place. */
export function mutateSchema(r, document) {
  for (const kind of r.shuffle(SCHEMA_ERROR_KINDS)) {
    if (MUTATIONS[kind](r, document.definitions)) return kind;
  }
  return null;
}
