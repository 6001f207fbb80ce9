// Random type-system documents (SDL) as graphql-js ASTs. A model of the schema is built
// first so that the document is valid (interfaces implemented with every field, no input
// cycles through non-null fields, directives where their locations allow), then emitted as
// definitions, some split into `extend` definitions, in random order.
import {
  Kind, name, namedType, listType, nonNullType, stringValue, argument, directive, wrapType,
  randomValue, randomString, randomBlockString, randomIntText, randomFloatText, enumValueName,
  randomIdentifier, FIELD_NAMES, KEYWORD_NAMES, TYPE_NAMES,
} from './ast.mjs';

export const TYPE_SYSTEM_LOCATIONS = [
  'SCHEMA', 'SCALAR', 'OBJECT', 'FIELD_DEFINITION', 'ARGUMENT_DEFINITION', 'INTERFACE', 'UNION',
  'ENUM', 'ENUM_VALUE', 'INPUT_OBJECT', 'INPUT_FIELD_DEFINITION',
];
export const EXECUTABLE_LOCATIONS = [
  'QUERY', 'MUTATION', 'SUBSCRIPTION', 'FIELD', 'FRAGMENT_DEFINITION', 'FRAGMENT_SPREAD',
  'INLINE_FRAGMENT', 'VARIABLE_DEFINITION',
];
const BUILT_IN_SCALARS = ['Int', 'Float', 'String', 'Boolean', 'ID'];
const DIRECTIVE_NAMES = ['auth', 'cacheControl', 'key', 'tag', 'external', 'lowercase', 'audit', 'x', 'on', 'query'];

export function description(r, p = 0.3) {
  if (!r.chance(p)) return undefined;
  return r.chance(0.5) ? stringValue(randomBlockString(r), true) : stringValue(randomString(r));
}

function uniqueName(r, used, pool, fallback) {
  for (let i = 0; i < 4; i++) {
    const n = r.pick(pool);
    if (!used.has(n)) { used.add(n); return n; }
  }
  let n;
  do { n = fallback(); } while (used.has(n) || n.startsWith('__'));
  used.add(n);
  return n;
}

function namedOf(t) {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : namedOf(t.type);
}
const clone = (node) => JSON.parse(JSON.stringify(node));

class SchemaModel {
  constructor(r) {
    this.r = r;
    this.typeNames = new Set();
    this.scalars = [];
    this.enums = [];
    this.interfaces = [];
    this.objects = [];
    this.unions = [];
    this.inputs = [];
    this.directives = [];
  }

  typeName() {
    return uniqueName(this.r, this.typeNames, TYPE_NAMES,
      () => { const n = randomIdentifier(this.r, 8); return n[0].toUpperCase() + n.slice(1); });
  }

  inputTypeNames(maxInput = this.inputs.length) {
    return [...BUILT_IN_SCALARS, ...this.scalars.map((s) => s.name), ...this.enums.map((e) => e.name),
      ...this.inputs.slice(0, maxInput).map((i) => i.name)];
  }

  outputTypeNames() {
    return [...BUILT_IN_SCALARS, ...this.scalars.map((s) => s.name), ...this.enums.map((e) => e.name),
      ...this.objects.map((o) => o.name), ...this.interfaces.map((i) => i.name),
      ...this.unions.map((u) => u.name)];
  }

  /** A default value for `type`: usually of the right type (in unusual spellings), sometimes not. */
  defaultFor(type, depth = 2) {
    const r = this.r;
    // Ill-typed defaults are dropped by buildSchema; a list or object for a custom scalar
    // would make printSchema throw, so those get leaf values below.
    const custom = this.scalars.some((s) => s.name === namedOf(type));
    if (!custom && r.chance(0.12)) return randomValue(r, 1, null);
    if (type.kind === Kind.NON_NULL_TYPE) return this.defaultFor(type.type, depth);
    if (r.chance(0.06)) return { kind: Kind.NULL };
    if (type.kind === Kind.LIST_TYPE) {
      if (r.chance(0.3) || depth === 0) return this.defaultFor(type.type, 0);
      const n = r.range(0, 3);
      return { kind: Kind.LIST, values: Array.from({ length: n }, () => this.defaultFor(type.type, depth - 1)) };
    }
    const n = type.name.value;
    switch (n) {
      case 'Int': return { kind: Kind.INT, value: r.chance(0.9) ? String(r.range(-3, 3) * r.pick([1, 7, 1000, 2147483647])) : randomIntText(r) };
      case 'Float': return r.chance(0.5) ? { kind: Kind.INT, value: randomIntText(r) } : { kind: Kind.FLOAT, value: randomFloatText(r, 2) };
      case 'String': return stringValue(r.chance(0.2) ? randomBlockString(r) : randomString(r), r.chance(0.2));
      case 'Boolean': return { kind: Kind.BOOLEAN, value: r.chance(0.5) };
      case 'ID': return r.chance(0.5) ? { kind: Kind.INT, value: randomIntText(r) } : stringValue(r.chance(0.5) ? String(r.int(1000)) : randomString(r));
    }
    const e = this.enums.find((x) => x.name === n);
    if (e) return { kind: Kind.ENUM, value: r.chance(0.9) ? r.pick(e.values).name : enumValueName(r) };
    const input = this.inputs.find((x) => x.name === n);
    if (input) {
      if (depth === 0) return { kind: Kind.NULL };
      const fields = r.shuffle(input.fields)
        .filter((f) => (f.type.kind === Kind.NON_NULL_TYPE && !f.defaultValue) || r.chance(0.5))
        .map((f) => ({ kind: Kind.OBJECT_FIELD, name: name(f.name), value: this.defaultFor(f.type, depth - 1) }));
      return { kind: Kind.OBJECT, fields };
    }
    // A custom scalar takes any leaf literal (lists and objects would make printSchema throw).
    return r.weighted([
      [3, () => stringValue(randomString(r))], [2, () => ({ kind: Kind.INT, value: randomIntText(r) })],
      [1, () => ({ kind: Kind.FLOAT, value: randomFloatText(r) })], [1, () => ({ kind: Kind.ENUM, value: enumValueName(r) })],
      [1, () => ({ kind: Kind.BOOLEAN, value: true })],
    ])();
  }

  /** Directives applied at `location`: custom ones allowed there, and the built-in ones. */
  applied(location, { required = false } = {}) {
    const r = this.r;
    const out = [];
    for (const d of this.directives) {
      if (!d.locations.includes(location) || !r.chance(0.25)) continue;
      const times = d.repeatable && r.chance(0.4) ? 2 : 1;
      for (let i = 0; i < times; i++) {
        const args = d.args
          .filter((a) => (a.type.kind === Kind.NON_NULL_TYPE && !a.defaultValue) || r.chance(0.4))
          .map((a) => argument(a.name, this.defaultFor(a.type)));
        out.push(directive(d.name, r.shuffle(args)));
      }
    }
    const deprecatable = ['FIELD_DEFINITION', 'ARGUMENT_DEFINITION', 'INPUT_FIELD_DEFINITION', 'ENUM_VALUE'];
    if (deprecatable.includes(location) && !required && r.chance(0.15)) {
      const reason = r.weighted([
        [3, null], [3, () => stringValue(randomString(r))], [1, () => stringValue('No longer supported')],
        [1, () => stringValue(randomBlockString(r), true)], [1, () => ({ kind: Kind.NULL })],
      ]);
      out.push(directive('deprecated', reason ? [argument('reason', reason())] : []));
    }
    if (location === 'SCALAR' && r.chance(0.4)) {
      out.push(directive('specifiedBy', [argument('url', stringValue(r.pick(['https://tools.ietf.org/html/rfc3339', 'https://example.com/money', randomString(r)]), r.chance(0.2)))]));
    }
    return r.shuffle(out);
  }

  inputValue(argName, typeNames, location) {
    const r = this.r;
    const type = wrapType(r, namedType(r.pick(typeNames)));
    const defaultValue = r.chance(0.35) ? this.defaultFor(type) : undefined;
    const required = type.kind === Kind.NON_NULL_TYPE && !defaultValue;
    return {
      kind: Kind.INPUT_VALUE_DEFINITION,
      description: description(r, 0.2),
      name: name(argName),
      type,
      defaultValue,
      directives: this.applied(location, { required }),
    };
  }

  argumentsDefinition(location = 'ARGUMENT_DEFINITION') {
    const r = this.r;
    const used = new Set();
    const n = r.weighted([[5, 0], [3, 1], [2, 3]]);
    return Array.from({ length: n }, () => this.inputValue(uniqueName(r, used, FIELD_NAMES, () => randomIdentifier(r)), this.inputTypeNames(), location));
  }

  field(fieldNameValue) {
    const r = this.r;
    return {
      kind: Kind.FIELD_DEFINITION,
      description: description(r, 0.25),
      name: name(fieldNameValue),
      arguments: this.argumentsDefinition(),
      type: wrapType(r, namedType(r.pick(this.outputTypeNames()))),
      directives: this.applied('FIELD_DEFINITION'),
    };
  }

  /**
   * Fields inherited from `interfaces`, merged so that every interface is satisfied (the
   * narrowest type and all arguments seen), sometimes narrowed further (non-null) or given
   * an extra optional argument.
   */
  inheritedFields(interfaceNames) {
    const r = this.r;
    const fields = new Map();
    for (const iName of interfaceNames) {
      for (const f of this.interfaces.find((i) => i.name === iName).fields) {
        const seen = fields.get(f.name.value);
        if (seen) {
          if (f.type.kind === Kind.NON_NULL_TYPE) seen.type = clone(f.type);
          for (const a of f.arguments) {
            if (!seen.arguments.some((b) => b.name.value === a.name.value)) seen.arguments.push(clone(a));
          }
          continue;
        }
        fields.set(f.name.value, { ...clone(f), description: description(r, 0.2), directives: this.applied('FIELD_DEFINITION') });
      }
    }
    for (const copy of fields.values()) {
      if (copy.type.kind !== Kind.NON_NULL_TYPE && r.chance(0.2)) copy.type = nonNullType(copy.type);
      const extra = 'extraArg' + r.int(10);
      if (r.chance(0.1) && !copy.arguments.some((a) => a.name.value === extra)) {
        copy.arguments = [...copy.arguments, { kind: Kind.INPUT_VALUE_DEFINITION, name: name(extra), type: namedType('Boolean'), directives: [] }];
      }
    }
    return [...fields.values()];
  }

  ownFields(used, min = 1, max = 5) {
    const r = this.r;
    const n = r.range(min, max);
    return Array.from({ length: n }, () => this.field(uniqueName(r, used, [...FIELD_NAMES, ...KEYWORD_NAMES], () => randomIdentifier(r))));
  }

  closure(interfaceNames) {
    const out = new Set();
    const visit = (n) => {
      if (out.has(n)) return;
      out.add(n);
      for (const p of this.interfaces.find((i) => i.name === n).interfaces) visit(p);
    };
    interfaceNames.forEach(visit);
    return [...out];
  }

  build() {
    const r = this.r;
    const nd = r.weighted([[3, 0], [3, 1], [2, 3]]);
    const dirNames = new Set();
    for (let i = 0; i < nd; i++) {
      const locations = r.shuffle([...TYPE_SYSTEM_LOCATIONS, ...TYPE_SYSTEM_LOCATIONS, ...EXECUTABLE_LOCATIONS]).slice(0, r.range(1, 4));
      this.directives.push({
        name: uniqueName(r, dirNames, DIRECTIVE_NAMES, () => randomIdentifier(r)),
        locations: [...new Set(locations)],
        repeatable: r.chance(0.3),
        description: description(r),
        args: [],
      });
    }
    for (let i = r.weighted([[3, 0], [3, 1], [1, 3]]); i > 0; i--) {
      this.scalars.push({ name: this.typeName(), description: description(r) });
    }
    for (let i = r.weighted([[3, 0], [3, 1], [1, 3]]); i > 0; i--) {
      const used = new Set();
      const values = Array.from({ length: r.range(1, 5) }, () => ({ name: uniqueName(r, used, ['RED', 'GREEN', 'BLUE', 'PATIENT', 'DOCTOR', 'ADMIN', 'on', 'type', 'query'], () => enumValueName(r)) }));
      this.enums.push({ name: this.typeName(), description: description(r), values });
    }
    for (let i = r.weighted([[3, 0], [3, 1], [1, 3]]); i > 0; i--) {
      this.inputs.push({ name: this.typeName(), description: description(r), fields: [] });
    }
    // Directive arguments first: directives applied to input fields need them.
    for (const d of this.directives) {
      const used = new Set();
      d.args = Array.from({ length: r.weighted([[3, 0], [3, 1], [1, 3]]) }, () => {
        const n = uniqueName(r, used, FIELD_NAMES, () => randomIdentifier(r));
        const type = wrapType(r, namedType(r.pick(this.inputTypeNames())));
        return { name: n, type, defaultValue: r.chance(0.3) ? this.defaultFor(type) : undefined, description: description(r, 0.2) };
      });
    }
    // Input fields: non-null references only to earlier inputs, so no cycle is unbreakable.
    this.inputs.forEach((input, index) => {
      const used = new Set();
      for (let k = r.range(1, 4); k > 0; k--) {
        const fieldNameValue = uniqueName(r, used, FIELD_NAMES, () => randomIdentifier(r));
        const v = this.inputValue(fieldNameValue, this.inputTypeNames(index), 'INPUT_FIELD_DEFINITION');
        if (r.chance(0.2) && index > 0) v.type = listType(namedType(r.pick(this.inputs).name));
        input.fields.push({ node: v, name: fieldNameValue, type: v.type, defaultValue: v.defaultValue });
      }
    });
    // Output type names exist before fields refer to them.
    const nInterfaces = r.weighted([[3, 0], [3, 1], [3, 3], [1, 5]]);
    for (let i = 0; i < nInterfaces; i++) this.interfaces.push({ name: this.typeName(), interfaces: [], fields: [] });
    const nObjects = r.range(1, 6);
    for (let i = 0; i < nObjects; i++) this.objects.push({ name: this.typeName(), interfaces: [], fields: [] });
    const roots = { query: r.chance(0.8) ? 'Query' : r.pick(['RootQuery', 'Q', 'query', 'QueryRoot']) };
    if (r.chance(0.4)) roots.mutation = r.chance(0.8) ? 'Mutation' : 'RootMutation';
    if (r.chance(0.2)) roots.subscription = r.chance(0.8) ? 'Subscription' : 'Events';
    for (const rootName of Object.values(roots)) {
      if (this.typeNames.has(rootName)) continue;
      this.typeNames.add(rootName);
      this.objects.push({ name: rootName, interfaces: [], fields: [] });
    }
    for (let i = r.weighted([[3, 0], [2, 1], [1, 2]]); i > 0; i--) {
      this.unions.push({ name: this.typeName(), members: r.subset(this.objects, 0.5).map((o) => o.name) });
      if (this.unions.at(-1).members.length === 0) this.unions.at(-1).members.push(this.objects[0].name);
    }
    const interfaceFieldNames = new Set();
    this.interfaces.forEach((iface, index) => {
      const parents = r.subset(this.interfaces.slice(0, index), 0.3).map((p) => p.name);
      iface.interfaces = this.closure(parents);
      iface.fields = [...this.inheritedFields(iface.interfaces), ...this.ownFields(interfaceFieldNames, 1, 3)];
    });
    for (const object of this.objects) {
      object.interfaces = this.closure(r.subset(this.interfaces, 0.3).map((i) => i.name));
      const inherited = this.inheritedFields(object.interfaces);
      object.fields = [...inherited, ...this.ownFields(new Set(inherited.map((f) => f.name.value)), inherited.length ? 0 : 1, 4)];
    }
    this.roots = roots;
    return this;
  }

  definitions() {
    const r = this.r;
    const defs = [];
    const interfacesOf = (names) => r.shuffle(names).map(namedType);
    for (const d of this.directives) {
      defs.push({
        kind: Kind.DIRECTIVE_DEFINITION,
        description: d.description,
        name: name(d.name),
        arguments: d.args.map((a) => ({
          kind: Kind.INPUT_VALUE_DEFINITION, description: a.description, name: name(a.name), type: a.type,
          defaultValue: a.defaultValue, directives: this.applied('ARGUMENT_DEFINITION', { required: a.type.kind === Kind.NON_NULL_TYPE && !a.defaultValue }),
        })),
        repeatable: d.repeatable,
        locations: d.locations.map(name),
      });
    }
    for (const s of this.scalars) {
      defs.push({ kind: Kind.SCALAR_TYPE_DEFINITION, description: s.description, name: name(s.name), directives: this.applied('SCALAR') });
    }
    for (const e of this.enums) {
      defs.push({
        kind: Kind.ENUM_TYPE_DEFINITION, description: e.description, name: name(e.name), directives: this.applied('ENUM'),
        values: e.values.map((v) => ({ kind: Kind.ENUM_VALUE_DEFINITION, description: description(r, 0.2), name: name(v.name), directives: this.applied('ENUM_VALUE') })),
      });
    }
    for (const i of this.inputs) {
      defs.push({
        kind: Kind.INPUT_OBJECT_TYPE_DEFINITION, description: i.description, name: name(i.name), directives: this.applied('INPUT_OBJECT'),
        fields: i.fields.map((f) => f.node),
      });
    }
    for (const i of this.interfaces) {
      defs.push({
        kind: Kind.INTERFACE_TYPE_DEFINITION, description: description(r), name: name(i.name),
        interfaces: interfacesOf(i.interfaces), directives: this.applied('INTERFACE'), fields: i.fields,
      });
    }
    for (const o of this.objects) {
      defs.push({
        kind: Kind.OBJECT_TYPE_DEFINITION, description: description(r), name: name(o.name),
        interfaces: interfacesOf(o.interfaces), directives: this.applied('OBJECT'), fields: o.fields,
      });
    }
    for (const u of this.unions) {
      defs.push({
        kind: Kind.UNION_TYPE_DEFINITION, description: description(r), name: name(u.name),
        directives: this.applied('UNION'), types: u.members.map(namedType),
      });
    }
    const customRoots = this.roots.query !== 'Query' || (this.roots.mutation ?? 'Mutation') !== 'Mutation' || (this.roots.subscription ?? 'Subscription') !== 'Subscription';
    if (customRoots || r.chance(0.3)) {
      defs.push({
        kind: Kind.SCHEMA_DEFINITION, description: description(r, 0.4), directives: this.applied('SCHEMA'),
        operationTypes: r.shuffle(Object.entries(this.roots)).map(([operation, typeName]) => ({
          kind: Kind.OPERATION_TYPE_DEFINITION, operation, type: namedType(typeName),
        })),
      });
    }
    return defs;
  }
}

const EXTENSION_KIND = {
  [Kind.SCHEMA_DEFINITION]: Kind.SCHEMA_EXTENSION,
  [Kind.SCALAR_TYPE_DEFINITION]: Kind.SCALAR_TYPE_EXTENSION,
  [Kind.OBJECT_TYPE_DEFINITION]: Kind.OBJECT_TYPE_EXTENSION,
  [Kind.INTERFACE_TYPE_DEFINITION]: Kind.INTERFACE_TYPE_EXTENSION,
  [Kind.UNION_TYPE_DEFINITION]: Kind.UNION_TYPE_EXTENSION,
  [Kind.ENUM_TYPE_DEFINITION]: Kind.ENUM_TYPE_EXTENSION,
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: Kind.INPUT_OBJECT_TYPE_EXTENSION,
};
const LIST_KEYS = ['operationTypes', 'interfaces', 'fields', 'values', 'types', 'directives'];

/**
 * Moves the tails of some definitions' lists into `extend` definitions, keeping the order in
 * which the built schema sees them. A definition may keep an empty body (`type A`), which SDL
 * allows when an extension adds the fields.
 */
function splitIntoExtensions(r, defs) {
  const out = [];
  for (const def of defs) {
    const extKind = EXTENSION_KIND[def.kind];
    if (!extKind || !r.chance(0.3)) { out.push(def); continue; }
    const pieces = [];
    for (let k = r.range(1, 2); k > 0; k--) {
      const ext = { kind: extKind, name: def.name };
      let moved = false;
      for (const key of LIST_KEYS) {
        if (!def[key]) continue;
        const keep = key === 'operationTypes' ? 1 : 0; // `schema {}` does not parse
        const take = def[key].length > keep ? r.int(def[key].length - keep + 1) : 0;
        const tail = def[key].splice(def[key].length - take, take);
        ext[key] = tail;
        moved ||= tail.length > 0;
      }
      if (moved) pieces.unshift(ext);
    }
    out.push(def, ...pieces);
  }
  // Extensions may come before their definition; relative order of one type's extensions stays.
  const result = [];
  for (const def of out) result.splice(r.int(result.length + 1), 0, def);
  const byName = new Map();
  for (const def of out) {
    if (def.kind.endsWith('Extension')) {
      const key = def.kind + ':' + (def.name?.value ?? '');
      byName.set(key, [...(byName.get(key) ?? []), def]);
    }
  }
  const cursor = new Map();
  return result.map((def) => {
    if (!def.kind.endsWith('Extension')) return def;
    const key = def.kind + ':' + (def.name?.value ?? '');
    const i = cursor.get(key) ?? 0;
    cursor.set(key, i + 1);
    return byName.get(key)[i];
  });
}

/** A random SDL document that buildSchema accepts (and, most of the time, validateSchema too). */
export function randomSchemaDocument(r) {
  const model = new SchemaModel(r).build();
  let defs = r.shuffle(model.definitions());
  if (r.chance(0.5)) defs = splitIntoExtensions(r, defs);
  return { kind: Kind.DOCUMENT, definitions: defs };
}

export { namedOf };
