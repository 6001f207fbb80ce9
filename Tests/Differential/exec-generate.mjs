#!/usr/bin/env node
// Prints a JSON array of execution differential cases:
//   [{id, schema, query, variables, operationName, root}]
//
//   node Tests/Differential/exec-generate.mjs --seed 1 --count 2000 [--stats]
//   node Tests/Differential/exec-generate.mjs --seeds 1,2,3 --count 1000     (count per seed)
//
// Deterministic: a case depends only on (seed, index); its id names how it was made
// ("x1-42-dirty-root"). A schema comes from the model below (execution shapes: lists and
// non-null at every depth, interfaces implementing interfaces, arguments with defaults) or from
// `sdl-gen.mjs` (descriptions, deprecations, directives: for introspection). The query is built
// against graphql-js's own `GraphQLSchema` object, and the root value and variables are built
// from the query, clean or damaged on purpose: nulls where non-null is required, leaves of the
// wrong JSON kind, unknown enum values, bad `__typename`s, malformed variables.
import { Random, caseSeed } from './random.mjs';

// graphql-js's development-mode `instanceof` checks slow generation down; everything that
// loads graphql-js is imported after turning them off.
process.env.NODE_ENV ??= 'production';
const {
  buildSchema, validateSchema, parse, print, validate, parseType, getIntrospectionQuery, Kind,
  isNonNullType, isListType, isInputObjectType, isEnumType, isScalarType, isObjectType,
  isInterfaceType, isUnionType, isAbstractType, isCompositeType, getNamedType, GraphQLNonNull, valueFromAST,
} = await import('/usr/share/nodejs/graphql/index.mjs');
const { FIELD_NAMES, TYPE_NAMES, randomString } = await import('./ast.mjs');
const { randomSchemaDocument } = await import('./sdl-gen.mjs');
const { relayout, randomLayout } = await import('./relayout.mjs');
const { mutateSyntax } = await import('./mutate.mjs');

// MARK: - Names

const BUILT_IN_SCALARS = ['Int', 'Float', 'String', 'Boolean', 'ID'];
const ENUM_VALUE_NAMES = ['RED', 'GREEN', 'BLUE', 'PATIENT', 'DOCTOR', 'ADMIN', 'PENDING', 'ASC', 'DESC', 'on', 'type'];
const CUSTOM_SCALAR_NAMES = ['DateTime', 'JSON', 'Money', 'URL'];
/**
 * Names a JavaScript object or array answers by itself (`[].filter`, `{}.constructor`): the
 * default resolver would call them, a JavaScript quirk rather than GraphQL, so no field has one.
 */
const JS_PROPERTY_NAMES = new Set([
  ...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype),
  ...Object.getOwnPropertyNames(String.prototype),
]);
const OWN_FIELD_NAMES = FIELD_NAMES.filter((n) => !JS_PROPERTY_NAMES.has(n));

function uniqueName(r, used, pool, prefix) {
  for (let i = 0; i < 4; i++) {
    const n = r.pick(pool);
    if (!used.has(n)) { used.add(n); return n; }
  }
  let k = used.size;
  while (used.has(prefix + k)) k++;
  used.add(prefix + k);
  return prefix + k;
}

// MARK: - Schemas

/** A type reference: non-null and up to three list levels, each optionally non-null. */
function wrap(r, base) {
  let t = r.chance(0.3) ? base + '!' : base;
  for (let level = 0; level < 3 && r.chance(level === 0 ? 0.35 : 0.3); level++) {
    t = `[${t}]` + (r.chance(0.35) ? '!' : '');
  }
  return t;
}

/**
 * A schema model made for execution. Arguments and input fields marked `wantsDefault` get a
 * default once graphql-js has built the schema without them (the defaults are generated against
 * graphql-js's types, as query arguments are).
 */
function modelSchema(r) {
  const names = new Set(['Query', 'Mutation', 'Subscription']);
  const typeName = () => uniqueName(r, names, TYPE_NAMES, 'Type');
  const m = { scalars: [], enums: [], inputs: [], interfaces: [], objects: [], unions: [], roots: [] };
  for (let i = r.weighted([[3, 0], [3, 1], [1, 2]]); i > 0; i--) m.scalars.push(uniqueName(r, names, CUSTOM_SCALAR_NAMES, 'Scalar'));
  for (let i = r.weighted([[2, 0], [3, 1], [2, 2]]); i > 0; i--) {
    const used = new Set();
    m.enums.push({ name: typeName(), values: Array.from({ length: r.range(1, 4) }, () => uniqueName(r, used, ENUM_VALUE_NAMES, 'V')) });
  }
  const leafNames = () => [...BUILT_IN_SCALARS, ...BUILT_IN_SCALARS, ...m.scalars, ...m.enums.map((e) => e.name)];
  const inputValue = (used, typeNames) => ({ name: uniqueName(r, used, OWN_FIELD_NAMES, 'arg'), type: wrap(r, r.pick(typeNames)), wantsDefault: r.chance(0.3) });
  for (let i = r.weighted([[2, 0], [3, 1], [2, 2], [1, 3]]); i > 0; i--) {
    const input = { name: typeName(), fields: [] };
    const used = new Set();
    for (let k = r.range(1, 4); k > 0; k--) {
      // Non-null references go to earlier inputs only, so no cycle is unbreakable.
      const field = inputValue(used, [...leafNames(), ...m.inputs.map((x) => x.name)]);
      if (r.chance(0.15)) field.type = `[${r.pick([...m.inputs, input]).name}]`;
      input.fields.push(field);
    }
    m.inputs.push(input);
  }
  const inputNames = () => [...leafNames(), ...m.inputs.map((x) => x.name), ...m.inputs.map((x) => x.name)];
  const args = () => {
    const used = new Set();
    return Array.from({ length: r.weighted([[5, 0], [3, 1], [2, 2], [1, 3]]) }, () => inputValue(used, inputNames()));
  };
  m.interfaces = Array.from({ length: r.weighted([[3, 0], [3, 1], [3, 2], [1, 3]]) }, () => ({ name: typeName(), interfaces: [], fields: [] }));
  m.objects = Array.from({ length: r.range(1, 4) }, () => ({ name: typeName(), interfaces: [], fields: [] }));
  for (let i = r.weighted([[3, 0], [2, 1], [1, 2]]); i > 0; i--) {
    const members = r.subset(m.objects, 0.5).map((o) => o.name);
    m.unions.push({ name: typeName(), members: members.length ? members : [m.objects[0].name] });
  }
  const outputNames = () => [
    ...leafNames(), ...m.objects.map((o) => o.name), ...m.interfaces.map((x) => x.name),
    ...m.interfaces.map((x) => x.name), ...m.unions.map((u) => u.name), ...m.unions.map((u) => u.name),
  ];
  const closure = (picked) => {
    const out = new Set();
    const visit = (n) => { if (!out.has(n)) { out.add(n); m.interfaces.find((x) => x.name === n).interfaces.forEach(visit); } };
    picked.forEach(visit);
    return [...out];
  };
  /** Every field of `interfaceNames`, the narrowest type seen, some made non-null or given an extra argument. */
  const inherited = (interfaceNames) => {
    const fields = new Map();
    for (const n of interfaceNames) {
      for (const f of m.interfaces.find((x) => x.name === n).fields) {
        const seen = fields.get(f.name);
        if (!seen) { fields.set(f.name, { ...f, args: [...f.args] }); continue; }
        if (f.type.endsWith('!')) seen.type = f.type;
        for (const a of f.args) if (!seen.args.some((b) => b.name === a.name)) seen.args.push(a);
      }
    }
    for (const f of fields.values()) {
      if (!f.type.endsWith('!') && r.chance(0.2)) f.type += '!';
      if (r.chance(0.1) && !f.args.some((a) => a.name === 'extra')) f.args = [...f.args, { name: 'extra', type: 'Boolean', wantsDefault: r.chance(0.5) }];
    }
    return [...fields.values()];
  };
  const ownFields = (used, min, max) => Array.from({ length: r.range(min, max) }, () => ({
    name: uniqueName(r, used, OWN_FIELD_NAMES, 'f'), type: wrap(r, r.pick(outputNames())), args: args(),
  }));
  const interfaceFieldNames = new Set();
  m.interfaces.forEach((iface, index) => {
    iface.interfaces = closure(r.subset(m.interfaces.slice(0, index), 0.4).map((x) => x.name));
    iface.fields = [...inherited(iface.interfaces), ...ownFields(interfaceFieldNames, 1, 3)];
  });
  for (const object of m.objects) {
    object.interfaces = closure(r.subset(m.interfaces, 0.4).map((x) => x.name));
    const fields = inherited(object.interfaces);
    object.fields = [...fields, ...ownFields(new Set(fields.map((f) => f.name)), fields.length ? 0 : 1, 4)];
  }
  m.roots.push({ operation: 'query', name: 'Query', fields: ownFields(new Set(), 2, 6) });
  if (r.chance(0.25)) m.roots.push({ operation: 'mutation', name: 'Mutation', fields: ownFields(new Set(), 1, 3) });
  if (r.chance(0.1)) m.roots.push({ operation: 'subscription', name: 'Subscription', fields: ownFields(new Set(), 1, 2) });
  return m;
}

/** The model's SDL, definitions in random order, with the defaults chosen so far. */
function modelSDL(r, m) {
  const inputValue = (v) => `${v.name}: ${v.type}` + (v.default !== undefined ? ` = ${v.default}` : '');
  const argList = (args) => (args.length ? `(${args.map(inputValue).join(', ')})` : '');
  const fields = (fs) => fs.map((f) => `  ${f.name}${argList(f.args)}: ${f.type}`).join('\n');
  const implementsList = (is) => (is.length ? ` implements ${r.shuffle(is).join(' & ')}` : '');
  const defs = [
    ...m.scalars.map((s) => `scalar ${s}`),
    ...m.enums.map((e) => `enum ${e.name} {\n${e.values.map((v) => `  ${v}`).join('\n')}\n}`),
    ...m.inputs.map((i) => `input ${i.name} {\n${i.fields.map((f) => `  ${inputValue(f)}`).join('\n')}\n}`),
    ...m.interfaces.map((i) => `interface ${i.name}${implementsList(i.interfaces)} {\n${fields(i.fields)}\n}`),
    ...m.objects.map((o) => `type ${o.name}${implementsList(o.interfaces)} {\n${fields(o.fields)}\n}`),
    ...m.unions.map((u) => `union ${u.name} = ${u.members.join(' | ')}`),
    ...m.roots.map((o) => `type ${o.name} {\n${fields(o.fields)}\n}`),
  ];
  return r.shuffle(defs).join('\n\n') + '\n';
}

/** A schema graphql-js builds and validates, as `{sdl, schema}`; null when none came out. */
function randomSchema(r, origin) {
  for (let attempt = 0; attempt < 6; attempt++) {
    let sdl;
    let schema;
    if (origin === 'sdl-gen') {
      sdl = print(randomSchemaDocument(r));
      try {
        schema = buildSchema(sdl);
      } catch {
        continue;
      }
    } else {
      // Built once without defaults; the defaults, generated against graphql-js's types, are
      // then written into both the SDL and the built schema.
      const m = modelSchema(r);
      try {
        schema = buildSchema(modelSDL(new Random(0), m), { assumeValidSDL: true });
      } catch {
        continue;
      }
      const withDefault = (typeName, fieldName, list) => {
        for (const v of list) {
          if (!v.wantsDefault) continue;
          const owner = schema.getType(typeName);
          const target = isInputObjectType(owner)
            ? owner.getFields()[v.name]
            : owner.getFields()[fieldName].args.find((a) => a.name === v.name);
          // An argument inherited from an interface is the same object: one default for both.
          v.defaultNode ??= literal(r, target.type, { variables: null, depth: 2 });
          v.default = print(v.defaultNode);
          target.defaultValue = valueFromAST(v.defaultNode, target.type);
        }
      };
      // An input field's default must not name an input type: graphql-js resolves it while
      // building its own type's fields, and overflows its stack when the types cycle.
      const leaves = new Set([...BUILT_IN_SCALARS, ...m.scalars, ...m.enums.map((e) => e.name)]);
      for (const i of m.inputs) withDefault(i.name, null, i.fields.filter((f) => leaves.has(f.type.replace(/[[\]!]/g, ''))));
      for (const o of [...m.interfaces, ...m.objects, ...m.roots]) for (const f of o.fields) withDefault(o.name, f.name, f.args);
      sdl = modelSDL(r, m);
    }
    if (validateSchema(schema).length) continue;
    const fieldNames = Object.values(schema.getTypeMap()).flatMap((t) => (isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()) : []));
    if (fieldNames.some((n) => JS_PROPERTY_NAMES.has(n))) continue;
    return { sdl, schema };
  }
  return null;
}

// MARK: - Input values as literals

const INT_EDGES = [0, 1, -1, 7, 42, -42, 1000, 2147483647, -2147483648];
const FLOAT_TEXTS = ['0', '1', '-1', '1.5', '-0.25', '3.14159', '1e3', '1.5e-7', '6.02e23', '-0.0', '100', '2147483648', '0.1'];

const nullValue = () => ({ kind: Kind.NULL });
const intValue = (n) => ({ kind: Kind.INT, value: String(n) });
const stringValue = (value) => ({ kind: Kind.STRING, value, block: false });

/**
 * A literal of `type`. `ctx.variables`, when present, may put a variable at a typed position
 * (`ctx.variables(type)` returns its node); `ctx.depth` bounds nesting.
 */
function literal(r, type, ctx) {
  if (ctx.variables && r.chance(0.12)) return ctx.variables(type);
  const nonNull = isNonNullType(type);
  if (nonNull) type = type.ofType;
  else if (r.chance(0.08)) return nullValue();
  if (isListType(type)) {
    // A single value for a list (input coercion wraps it); a variable there would need the list type.
    if (r.chance(0.25)) return literal(r, type.ofType, { ...ctx, variables: null });
    const n = ctx.depth <= 0 ? 0 : r.weighted([[1, 0], [3, 1], [3, 2], [1, 3]]);
    const inner = { ...ctx, depth: ctx.depth - 1 };
    return { kind: Kind.LIST, values: Array.from({ length: n }, () => literal(r, type.ofType, inner)) };
  }
  if (isInputObjectType(type)) {
    const inner = { ...ctx, depth: ctx.depth - 1 };
    const fields = r.shuffle(Object.values(type.getFields()))
      .filter((f) => (isNonNullType(f.type) && f.defaultValue === undefined) || (ctx.depth > 0 && r.chance(0.5)))
      .map((f) => ({ kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: f.name }, value: literal(r, f.type, inner) }));
    return { kind: Kind.OBJECT, fields };
  }
  if (isEnumType(type)) return { kind: Kind.ENUM, value: r.pick(type.getValues()).name };
  switch (type.name) {
    case 'Int': return intValue(r.chance(0.6) ? r.pick(INT_EDGES) : r.range(-100, 100));
    case 'Float': return r.chance(0.3) ? intValue(r.range(-9, 9)) : { kind: Kind.FLOAT, value: r.pick(FLOAT_TEXTS.filter((t) => /[.eE]/.test(t))) };
    case 'String': return stringValue(randomString(r));
    case 'Boolean': return { kind: Kind.BOOLEAN, value: r.chance(0.5) };
    case 'ID': return r.chance(0.5) ? intValue(r.range(0, 999)) : stringValue(r.chance(0.5) ? String(r.int(1000)) : randomString(r));
  }
  for (;;) {
    const value = untypedLiteral(r, ctx.depth);
    if (!nonNull || value.kind !== Kind.NULL) return value;
  }
}

/** Any literal, for a custom scalar (graphql-js keeps it as `valueFromASTUntyped` reads it). */
function untypedLiteral(r, depth) {
  const kinds = [[3, 'int'], [2, 'float'], [3, 'string'], [1, 'boolean'], [1, 'null'], [1, 'enum']];
  if (depth > 0) kinds.push([1, 'list'], [1, 'object']);
  switch (r.weighted(kinds)) {
    case 'int': return intValue(r.pick(INT_EDGES));
    case 'float': return { kind: Kind.FLOAT, value: r.pick(['1.5', '-0.0', '1e100', '2.5E-3']) };
    case 'string': return stringValue(randomString(r));
    case 'boolean': return { kind: Kind.BOOLEAN, value: r.chance(0.5) };
    case 'null': return nullValue();
    case 'enum': return { kind: Kind.ENUM, value: r.pick(ENUM_VALUE_NAMES) };
    case 'list': return { kind: Kind.LIST, values: Array.from({ length: r.range(0, 3) }, () => untypedLiteral(r, depth - 1)) };
    case 'object': {
      const used = new Set();
      return {
        kind: Kind.OBJECT,
        fields: Array.from({ length: r.range(0, 3) }, () => ({
          kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: uniqueName(r, used, OWN_FIELD_NAMES, 'k') }, value: untypedLiteral(r, depth - 1),
        })),
      };
    }
  }
}

/** A literal of the wrong kind for `type` (for invalid documents). */
function wrongLiteral(r, type) {
  const named = getNamedType(type);
  if (isNonNullType(type) && r.chance(0.3)) return nullValue();
  if (isInputObjectType(named)) {
    return r.weighted([
      [1, () => ({ kind: Kind.OBJECT, fields: [{ kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: 'unknownField' }, value: intValue(1) }] })],
      [1, () => stringValue('not an object')],
      [1, () => ({ kind: Kind.OBJECT, fields: [] })],
    ])();
  }
  if (isEnumType(named)) return r.pick([stringValue(named.getValues()[0].name), { kind: Kind.ENUM, value: 'NOT_A_VALUE' }, intValue(1)]);
  switch (named.name) {
    case 'Int': return r.pick([stringValue('1'), { kind: Kind.FLOAT, value: '1.5' }, intValue(2147483648), { kind: Kind.BOOLEAN, value: true }]);
    case 'Float': return r.pick([stringValue('1.5'), { kind: Kind.BOOLEAN, value: false }, { kind: Kind.ENUM, value: 'NaN' }]);
    case 'String': return r.pick([intValue(1), { kind: Kind.BOOLEAN, value: true }, { kind: Kind.ENUM, value: 'RED' }]);
    case 'Boolean': return r.pick([intValue(1), stringValue('true')]);
    case 'ID': return r.pick([{ kind: Kind.FLOAT, value: '1.5' }, { kind: Kind.BOOLEAN, value: true }]);
  }
  return { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'undefinedVariable' } };
}

// MARK: - Documents

const nameNode = (value) => ({ kind: Kind.NAME, value });

/**
 * Builds one executable document against a graphql-js schema: operations, fragments, and the
 * variables they use (each declared with the type of the position it fills).
 */
class DocumentBuilder {
  constructor(r, schema) {
    this.r = r;
    this.schema = schema;
    this.fragments = []; // {name, typeName, node, variables: Set}
    this.variables = new Map(); // name -> {type, defaultValue}
    this.usedVariables = [new Set()];
    this.selectionSets = []; // {node, type}: for invalid mutations
    this.argumentSites = []; // {field, definition}
    this.aliasCount = 0;
    this.fragmentDepth = 0;
  }

  useVariable(name) {
    this.usedVariables.at(-1).add(name);
    return { kind: Kind.VARIABLE, name: nameNode(name) };
  }

  /** A new variable for a position of `type`: that type, a non-null one, or nullable with a default. */
  variableFor(type) {
    const r = this.r;
    const name = `v${this.variables.size}`;
    let declared = type;
    let defaultValue;
    switch (r.weighted([[6, 'same'], [2, 'default'], [1, 'stricter']])) {
      case 'stricter':
        if (!isNonNullType(type)) declared = new GraphQLNonNull(type);
        break;
      case 'default':
        declared = isNonNullType(type) ? type.ofType : type;
        defaultValue = literal(r, type, { variables: null, depth: 2 });
        break;
      case 'same':
        if (!isNonNullType(type) && r.chance(0.2)) defaultValue = literal(r, type, { variables: null, depth: 2 });
        break;
    }
    this.variables.set(name, { type: declared, defaultValue });
    return this.useVariable(name);
  }

  /** `@skip` / `@include` with a literal or a Boolean variable. */
  directives() {
    const r = this.r;
    if (!r.chance(0.15)) return [];
    let condition;
    if (r.chance(0.5)) {
      condition = { kind: Kind.BOOLEAN, value: r.chance(0.5) };
    } else {
      const name = `c${this.variables.size}`;
      const withDefault = r.chance(0.4);
      const boolean = this.schema.getType('Boolean');
      this.variables.set(name, {
        type: withDefault ? boolean : new GraphQLNonNull(boolean),
        defaultValue: withDefault ? { kind: Kind.BOOLEAN, value: r.chance(0.5) } : undefined,
      });
      condition = this.useVariable(name);
    }
    return [{ kind: Kind.DIRECTIVE, name: nameNode(r.pick(['skip', 'include'])), arguments: [{ kind: Kind.ARGUMENT, name: nameNode('if'), value: condition }] }];
  }

  /** Types whose fragments may be spread where `type` is expected. */
  fragmentConditions(type) {
    const schema = this.schema;
    const abstracts = Object.values(schema.getTypeMap()).filter((t) => isAbstractType(t) && !t.name.startsWith('__'));
    const possible = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    const overlapping = abstracts.filter((a) => possible.some((p) => schema.isSubType(a, p)));
    return [type, type, ...possible, ...overlapping];
  }

  selectionSet(type, depth) {
    const r = this.r;
    const selections = [];
    const n = r.weighted([[2, 1], [4, 2], [3, 3], [1, 5]]);
    const fields = isUnionType(type) ? [] : Object.values(type.getFields());
    for (let i = 0; i < n; i++) {
      const table = [[2, 'typename']];
      if (fields.length) table.push([12, 'field']);
      if (this.fragmentDepth < 2) table.push([isAbstractType(type) ? 5 : 1, 'inline'], [isAbstractType(type) ? 3 : 1, 'spread']);
      switch (r.weighted(table)) {
        case 'typename':
          selections.push({ kind: Kind.FIELD, alias: r.chance(0.2) ? nameNode(`t${this.aliasCount++}`) : undefined, name: nameNode('__typename'), arguments: [], directives: this.directives() });
          break;
        case 'field': {
          const composite = fields.filter((f) => isCompositeType(getNamedType(f.type)));
          selections.push(this.field(depth > 0 && composite.length && r.chance(0.5) ? r.pick(composite) : r.pick(fields), depth));
          break;
        }
        case 'inline': {
          this.fragmentDepth++;
          const condition = r.chance(0.15) ? type : r.pick(this.fragmentConditions(type));
          selections.push({
            kind: Kind.INLINE_FRAGMENT,
            typeCondition: condition === type && r.chance(0.5) ? undefined : { kind: Kind.NAMED_TYPE, name: nameNode(condition.name) },
            directives: this.directives(),
            selectionSet: this.selectionSet(condition, depth),
          });
          this.fragmentDepth--;
          break;
        }
        case 'spread':
          selections.push(this.spread(type, depth));
          break;
      }
    }
    if (isUnionType(type) && !selections.some((s) => s.kind === Kind.FIELD)) {
      selections.push({ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [] });
    }
    const node = { kind: Kind.SELECTION_SET, selections };
    this.selectionSets.push({ node, type, inFragment: this.fragmentDepth > 0 });
    return node;
  }

  /** A spread of an existing fragment that fits, or of a new one. */
  spread(type, depth) {
    const r = this.r;
    const conditions = this.fragmentConditions(type).map((t) => t.name);
    const fitting = this.fragments.filter((f) => conditions.includes(f.typeName));
    let fragment;
    if (fitting.length && r.chance(0.4)) {
      fragment = r.pick(fitting);
    } else {
      const condition = this.schema.getType(r.pick(conditions));
      this.fragmentDepth++;
      this.usedVariables.push(new Set());
      const selectionSet = this.selectionSet(condition, depth);
      const variables = this.usedVariables.pop();
      this.fragmentDepth--;
      fragment = {
        name: `F${this.fragments.length}`, typeName: condition.name, variables,
        node: { kind: Kind.FRAGMENT_DEFINITION, name: nameNode(`F${this.fragments.length}`), typeCondition: { kind: Kind.NAMED_TYPE, name: nameNode(condition.name) }, directives: [], selectionSet },
      };
      this.fragments.push(fragment);
    }
    for (const v of fragment.variables) this.usedVariables.at(-1).add(v);
    return { kind: Kind.FRAGMENT_SPREAD, name: nameNode(fragment.name), directives: this.directives() };
  }

  field(definition, depth) {
    const r = this.r;
    const args = definition.args
      .filter((a) => (isNonNullType(a.type) && a.defaultValue === undefined) || r.chance(0.5))
      .map((a) => ({ kind: Kind.ARGUMENT, name: nameNode(a.name), value: literal(r, a.type, { variables: (t) => this.variableFor(t), depth: 2 }) }));
    // Aliased when it has arguments, so that two uses never conflict; in a fragment, usually
    // by its type, so that fields of one name but other types on other objects do not either.
    let alias;
    if (args.length > 0 || r.chance(0.15)) alias = `${definition.name}${this.aliasCount++}`;
    else if (this.fragmentDepth > 0 && r.chance(0.75)) alias = `${definition.name}_${String(definition.type).replace(/\[/g, 'L').replace(/!/g, 'N').replace(/\]/g, '')}`;
    const node = {
      kind: Kind.FIELD,
      alias: alias ? nameNode(alias) : undefined,
      name: nameNode(definition.name),
      arguments: r.shuffle(args),
      directives: this.directives(),
    };
    const named = getNamedType(definition.type);
    if (isCompositeType(named)) {
      node.selectionSet = depth > 0
        ? this.selectionSet(named, depth - 1)
        : { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [] }] };
    }
    if (definition.args.length) this.argumentSites.push({ field: node, definition });
    return node;
  }

  operation(operationType, name, depth) {
    const r = this.r;
    const rootType = this.schema.getRootType(operationType);
    this.usedVariables = [new Set()];
    let selectionSet;
    if (operationType === 'subscription') {
      // A subscription has a single root field.
      const definition = r.pick(Object.values(rootType.getFields()));
      const field = this.field(definition, depth);
      field.directives = [];
      selectionSet = { kind: Kind.SELECTION_SET, selections: [field] };
      this.selectionSets.push({ node: selectionSet, type: rootType });
    } else {
      selectionSet = this.selectionSet(rootType, depth);
    }
    const used = [...this.usedVariables[0]].sort();
    return {
      kind: Kind.OPERATION_DEFINITION,
      operation: operationType,
      name: name ? nameNode(name) : undefined,
      variableDefinitions: used.map((v) => ({
        kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: nameNode(v) },
        type: parseType(String(this.variables.get(v).type)), defaultValue: this.variables.get(v).defaultValue, directives: [],
      })),
      directives: [],
      selectionSet,
      usedVariables: used,
    };
  }
}

/** One to three operations and the name to run; the name is sometimes wrong on purpose. */
function randomDocument(r, schema, maxDepth = 4) {
  const builder = new DocumentBuilder(r, schema);
  const operationTypes = ['query', 'query', 'query'];
  if (schema.getMutationType()) operationTypes.push('mutation');
  if (schema.getSubscriptionType() && r.chance(0.3)) operationTypes.push('subscription');
  const count = r.weighted([[7, 1], [2, 2], [1, 3]]);
  const depth = Math.min(maxDepth, r.weighted([[2, 1], [4, 2], [3, 3], [1, 4]]));
  const operations = [];
  for (let i = 0; i < count; i++) {
    const named = count > 1 || r.chance(0.6);
    operations.push(builder.operation(r.pick(operationTypes), named ? `${r.pick(['Q', 'Get', 'Op', 'query'])}${i}` : undefined, depth));
  }
  const chosen = r.pick(operations);
  let operationName = chosen.name?.value ?? null;
  if (count === 1 && operationName && r.chance(0.5)) operationName = null;
  const twist = r.weighted([[20, 'none'], [1, 'missing'], [1, 'unknown']]);
  if (twist === 'missing' && count > 1) operationName = null;
  if (twist === 'unknown') operationName = 'NoSuchOperation';
  const definitions = r.shuffle([...operations, ...builder.fragments.map((f) => f.node)]);
  return { document: { kind: Kind.DOCUMENT, definitions }, builder, operations, chosen, operationName };
}

// MARK: - Damage for invalid documents

const typenameSelection = () => ({ kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [] }] });
const ifArgument = (value) => [{ kind: Kind.ARGUMENT, name: nameNode('if'), value }];
const operationsOf = (document) => document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);

/** Damage that validation must reject, one kind per entry (false: not applicable here). */
const INVALID_DOCUMENTS = {
  'duplicate-operation-name': (r, b, document) => {
    const named = operationsOf(document).filter((o) => o.name);
    if (!named.length) return false;
    const copy = r.pick(named);
    document.definitions.push({ ...copy, selectionSet: typenameSelection(), variableDefinitions: [] });
  },
  'lone-anonymous-operation': (r, b, document) => {
    document.definitions.splice(r.int(document.definitions.length + 1), 0, {
      kind: Kind.OPERATION_DEFINITION, operation: 'query', variableDefinitions: [], directives: [], selectionSet: typenameSelection(),
    });
  },
  'unused-variable': (r, b, document) => {
    r.pick(operationsOf(document)).variableDefinitions.push({
      kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: nameNode('unused') }, type: parseType(r.pick(['Int', 'String!', '[Boolean]'])), directives: [],
    });
  },
  'non-input-variable': (r, b, document) => {
    const outputs = Object.values(b.schema.getTypeMap()).filter((t) => isCompositeType(t) && !t.name.startsWith('__'));
    const operation = r.pick(operationsOf(document));
    operation.variableDefinitions.push({
      kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: nameNode('object') }, type: parseType(r.pick(outputs).name), directives: [],
    });
    operation.selectionSet.selections.push({ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [{ kind: Kind.DIRECTIVE, name: nameNode('include'), arguments: ifArgument({ kind: Kind.VARIABLE, name: nameNode('object') }) }] });
  },
  'variable-in-wrong-position': (r, b, document) => {
    const operation = r.pick(operationsOf(document));
    operation.variableDefinitions.push({
      kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: nameNode('wrong') }, type: parseType(r.pick(['String', 'Int!', '[Boolean!]!', 'Boolean'])), directives: [],
    });
    r.pick(b.selectionSets).node.selections.push({ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [{ kind: Kind.DIRECTIVE, name: nameNode('skip'), arguments: ifArgument({ kind: Kind.VARIABLE, name: nameNode('wrong') }) }] });
  },
  'unused-fragment': (r, b, document) => {
    document.definitions.push({ kind: Kind.FRAGMENT_DEFINITION, name: nameNode('Unused'), typeCondition: { kind: Kind.NAMED_TYPE, name: nameNode(b.schema.getQueryType().name) }, directives: [], selectionSet: typenameSelection() });
  },
  'fragment-cycle': (r, b, document) => {
    const query = b.schema.getQueryType().name;
    const spread = (n) => ({ kind: Kind.FRAGMENT_SPREAD, name: nameNode(n), directives: [] });
    const fragment = (n, other) => ({ kind: Kind.FRAGMENT_DEFINITION, name: nameNode(n), typeCondition: { kind: Kind.NAMED_TYPE, name: nameNode(query) }, directives: [], selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [] }, spread(other)] } });
    document.definitions.push(fragment('CycleA', 'CycleB'), fragment('CycleB', r.chance(0.5) ? 'CycleA' : 'CycleB'));
    const roots = operationsOf(document).filter((o) => o.operation === 'query');
    if (!roots.length) return false;
    r.pick(roots).selectionSet.selections.push(spread('CycleA'));
  },
  'misplaced-directive': (r, b, document) => {
    const directive = r.weighted([
      [1, () => ({ kind: Kind.DIRECTIVE, name: nameNode('nope'), arguments: [] })],
      [1, () => ({ kind: Kind.DIRECTIVE, name: nameNode('deprecated'), arguments: [] })],
      [1, () => ({ kind: Kind.DIRECTIVE, name: nameNode('skip'), arguments: [] })],
      [1, () => ({ kind: Kind.DIRECTIVE, name: nameNode('include'), arguments: ifArgument({ kind: Kind.STRING, value: 'yes' }) })],
    ])();
    if (r.chance(0.4)) r.pick(operationsOf(document)).directives.push({ kind: Kind.DIRECTIVE, name: nameNode(r.pick(['skip', 'include'])), arguments: ifArgument({ kind: Kind.BOOLEAN, value: true }) });
    else r.pick(r.pick(b.selectionSets).node.selections).directives.push(directive);
  },
  'duplicate-directive': (r, b) => {
    const selection = r.pick(r.pick(b.selectionSets).node.selections);
    const skip = { kind: Kind.DIRECTIVE, name: nameNode('skip'), arguments: ifArgument({ kind: Kind.BOOLEAN, value: false }) };
    selection.directives.push(skip, skip);
  },
  'conflicting-response-names': (r, b) => {
    const sites = b.selectionSets.filter((s) => !isUnionType(s.type));
    if (!sites.length) return false;
    const site = r.pick(sites);
    const field = r.pick(Object.values(site.type.getFields()));
    const alias = r.pick(['__typename', 'dup']);
    site.node.selections.push(
      { kind: Kind.FIELD, alias: nameNode(alias), name: nameNode(field.name), arguments: [], directives: [], selectionSet: isCompositeType(getNamedType(field.type)) ? typenameSelection() : undefined },
      { kind: Kind.FIELD, alias: alias === 'dup' ? nameNode(alias) : undefined, name: nameNode('__typename'), arguments: [], directives: [] },
    );
  },
  'duplicate-argument': (r, b) => {
    const sites = b.argumentSites.filter((s) => s.field.arguments.length);
    if (!sites.length) return false;
    const { field } = r.pick(sites);
    field.arguments.push(r.pick(field.arguments));
  },
  'fragment-on-leaf': (r, b) => {
    r.pick(b.selectionSets).node.selections.push({
      kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: nameNode(r.pick(['String', 'Int', 'Boolean'])) }, directives: [], selectionSet: typenameSelection(),
    });
  },
  'type-definition': (r, b, document) => {
    document.definitions.splice(r.int(document.definitions.length + 1), 0, parse('type Extra { a: Int }', { noLocation: true }).definitions[0]);
  },
  'subscription-with-two-fields': (r, b, document) => {
    const subscription = b.schema.getSubscriptionType();
    if (!subscription) return false;
    document.definitions.push({
      kind: Kind.OPERATION_DEFINITION, operation: 'subscription', name: nameNode('TwoFields'), variableDefinitions: [], directives: [],
      selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [] }, { kind: Kind.FIELD, alias: nameNode('again'), name: nameNode('__typename'), arguments: [], directives: [] }] },
    });
  },
  'unknown-field': (r, b) => {
    const site = r.pick(b.selectionSets);
    site.node.selections.push({ kind: Kind.FIELD, name: nameNode(r.pick(['unknownField', 'nope', 'idd'])), arguments: [], directives: [] });
  },
  'wrong-argument': (r, b) => {
    if (!b.argumentSites.length) return false;
    const { field, definition } = r.pick(b.argumentSites);
    const arg = r.pick(definition.args);
    field.arguments = field.arguments.filter((a) => a.name.value !== arg.name);
    field.arguments.push({ kind: Kind.ARGUMENT, name: nameNode(arg.name), value: wrongLiteral(r, arg.type) });
  },
  'unknown-argument': (r, b) => {
    const fields = b.selectionSets.flatMap((s) => s.node.selections.filter((x) => x.kind === Kind.FIELD));
    if (!fields.length) return false;
    r.pick(fields).arguments.push({ kind: Kind.ARGUMENT, name: nameNode('unknownArg'), value: intValue(1) });
  },
  'missing-argument': (r, b) => {
    const sites = b.argumentSites.filter((s) => s.field.arguments.some((a) => s.definition.args.some((d) => d.name === a.name.value && isNonNullType(d.type) && d.defaultValue === undefined)));
    if (!sites.length) return false;
    const site = r.pick(sites);
    const required = site.definition.args.filter((d) => isNonNullType(d.type) && d.defaultValue === undefined).map((d) => d.name);
    const drop = r.pick(site.field.arguments.filter((a) => required.includes(a.name.value)));
    site.field.arguments = site.field.arguments.filter((a) => a !== drop);
  },
  'undefined-variable': (r, b) => {
    const site = r.pick(b.selectionSets);
    site.node.selections.push({
      kind: Kind.FIELD, name: nameNode('__typename'), arguments: [],
      directives: [{ kind: Kind.DIRECTIVE, name: nameNode('include'), arguments: [{ kind: Kind.ARGUMENT, name: nameNode('if'), value: { kind: Kind.VARIABLE, name: nameNode('undefinedVariable') } }] }],
    });
  },
  'bad-fragment-spread': (r, b) => {
    const site = r.pick(b.selectionSets);
    const fits = new Set(b.fragmentConditions(site.type).map((t) => t.name));
    const others = Object.values(b.schema.getTypeMap()).filter((t) => isCompositeType(t) && !t.name.startsWith('__') && !fits.has(t.name));
    if (!others.length || r.chance(0.3)) {
      site.node.selections.push({ kind: Kind.FRAGMENT_SPREAD, name: nameNode('MissingFragment'), directives: [] });
      return;
    }
    site.node.selections.push({
      kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: nameNode(r.pick(others).name) }, directives: [],
      selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [] }] },
    });
  },
  'leaf-selection': (r, b) => {
    const fields = b.selectionSets.flatMap((s) => s.node.selections.filter((x) => x.kind === Kind.FIELD));
    if (!fields.length) return false;
    const field = r.pick(fields);
    if (field.selectionSet) delete field.selectionSet;
    else field.selectionSet = { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: nameNode('id'), arguments: [], directives: [] }] };
  },
  'unknown-type': (r, b) => {
    const site = r.pick(b.selectionSets);
    site.node.selections.push({
      kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: nameNode('NoSuchType') }, directives: [],
      selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: nameNode('__typename'), arguments: [], directives: [] }] },
    });
  },
};

/**
 * A number written as given in the JSON text (`-0`, `1E400`, `1.0`, a 20-digit integer): each
 * side's JSON reader must read it as JavaScript's `JSON.parse` does.
 */
class RawNumber {
  constructor(text) {
    this.text = text;
  }
}
const RAW_NUMBERS = ['-0', '1E400', '-1e400', '1.0', '2147483647.0', '1e2', '12345678901234567890', '0.1e1', '-0.0', '4.9e-324', '1e-400', '2147483648', '9007199254740993'];
const rawNumber = (r) => new RawNumber(r.pick(RAW_NUMBERS));

// MARK: - Values for variables (JSON)

const WRONG_JSON = {
  Int: ['1', 1.5, 2147483648, -2147483649, 1e100, true, {}, [1, 2], 'abc'],
  Float: ['1.5', true, {}, 'NaN', [1.5]],
  String: [1, 1.5, true, {}, ['a']],
  Boolean: ['true', 1, 0, {}, [true]],
  ID: [1.5, true, {}, [1], 1e21],
};

/** The JSON a client would send for `type`; `bad` is the chance, at each value, of a wrong one. */
function jsonInput(r, type, bad, depth = 3) {
  const named = getNamedType(type);
  if (isNonNullType(type)) {
    if (r.chance(bad * 0.5)) return null;
    return jsonInput(r, type.ofType, bad, depth);
  }
  if (r.chance(0.08)) return null;
  if (isListType(type)) {
    if (r.chance(bad * 0.3)) return { not: 'a list' };
    if (r.chance(0.2)) return jsonInput(r, type.ofType, bad, depth);
    const n = depth <= 0 ? 0 : r.weighted([[1, 0], [3, 1], [3, 2], [1, 3]]);
    return Array.from({ length: n }, () => jsonInput(r, type.ofType, bad, depth - 1));
  }
  if (isInputObjectType(named)) {
    if (r.chance(bad * 0.2)) return r.pick(['object', 1, [], true]);
    const out = {};
    for (const f of r.shuffle(Object.values(named.getFields()))) {
      const required = isNonNullType(f.type) && f.defaultValue === undefined;
      if (required && r.chance(bad * 0.4)) continue;
      if (required || (depth > 0 && r.chance(0.6))) out[f.name] = jsonInput(r, f.type, bad, depth - 1);
    }
    // An unknown field; `__proto__` and `constructor` are own keys once JSON.parse has read them.
    if (r.chance(bad * 0.3)) return new RawObject([...Object.entries(out), [r.pick(['extraField', '__proto__', 'constructor']), 1]]);
    return out;
  }
  if (isEnumType(named)) {
    if (r.chance(bad)) return r.pick(['NOT_A_VALUE', 1, true, named.getValues()[0].name.toLowerCase() + 'x']);
    return r.pick(named.getValues()).name;
  }
  if (BUILT_IN_SCALARS.includes(named.name) && r.chance(bad)) return r.pick(WRONG_JSON[named.name]);
  return jsonLeaf(r, named, depth);
}

/** A JSON value that is right for the leaf type `named` (anything, for a custom scalar). */
function jsonLeaf(r, named, depth = 2) {
  switch (named.name) {
    case 'Int': return r.chance(0.05) ? new RawNumber(r.pick(['-0', '1.0', '1e2', '2147483647.0'])) : r.chance(0.6) ? r.pick(INT_EDGES) : r.range(-100, 100);
    case 'Float': return r.chance(0.1) ? rawNumber(r) : r.pick([0, 1, -1, 1.5, -0.25, 3.14159, 1e21, 1.5e-7, 6.02e23, 123456789.125, 0.1, 5e-324, 1.7976931348623157e308]);
    case 'String': return randomString(r);
    case 'Boolean': return r.chance(0.5);
    case 'ID': return r.chance(0.4) ? r.range(0, 999) : (r.chance(0.5) ? String(r.int(1000)) : randomString(r));
  }
  if (isEnumType(named)) return r.pick(named.getValues()).name;
  return anyJSON(r, depth);
}

/**
 * An object written with its entries as given: integer-like keys after others (JavaScript
 * moves them first) or a repeated key (the first place and the last value win).
 */
class RawObject {
  constructor(entries) {
    this.entries = entries;
  }
}

/** JSON.stringify, but a RawNumber or a RawObject is written as it says. */
function stringify(value) {
  if (value instanceof RawNumber) return value.text;
  if (value instanceof RawObject) return '{' + value.entries.map(([k, v]) => JSON.stringify(k) + ':' + stringify(v)).join(',') + '}';
  if (Array.isArray(value)) return '[' + value.map((v) => (v === undefined ? 'null' : stringify(v))).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    return '{' + Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => JSON.stringify(k) + ':' + stringify(v)).join(',') + '}';
  }
  return JSON.stringify(value);
}

function anyJSON(r, depth) {
  const kinds = [[2, 'int'], [2, 'float'], [3, 'string'], [1, 'boolean'], [1, 'null']];
  if (depth > 0) kinds.push([1, 'list'], [2, 'object']);
  switch (r.weighted(kinds)) {
    case 'int': return r.pick(INT_EDGES);
    case 'float': return r.chance(0.3) ? rawNumber(r) : r.pick([1.5, -0.5, 1e21, 2 ** 53 + 2, 0.1]);
    case 'string': return randomString(r);
    case 'boolean': return r.chance(0.5);
    case 'null': return null;
    case 'list': return Array.from({ length: r.range(0, 3) }, () => anyJSON(r, depth - 1));
    case 'object': {
      const keys = () => (r.chance(0.3) ? r.pick(['0', '1', '10', '2', '-1', '01', '4294967295']) : r.pick(OWN_FIELD_NAMES));
      return new RawObject(Array.from({ length: r.range(0, 4) }, () => [keys(), anyJSON(r, depth - 1)]));
    }
  }
}

/** The variables of `operation`: each right, damaged (rate `bad`), or left out. */
function variableValues(r, builder, operation, bad) {
  const out = {};
  for (const name of operation.usedVariables) {
    const v = builder.variables.get(name);
    if (r.chance(v.defaultValue !== undefined ? 0.4 : (bad ? 0.15 : 0.03))) continue;
    out[name] = jsonInput(r, v.type, bad);
  }
  return out;
}

// MARK: - Root values

const WRONG_LEAVES = {
  Int: ['12', '-3', 'abc', '', 1.5, 2147483648, -2147483649, 1e21, 9007199254740993, true, false, {}, [1], { valueOf: 1 }],
  Float: ['1.5', 'abc', '', 'Infinity', true, false, {}, [1.5], new RawNumber('1E400'), new RawNumber('-1e400')],
  String: [1, 1.5, -0.5, 1e21, 1e-7, 100, true, false, {}, ['a'], { a: 'b' }, new RawNumber('-0'), new RawNumber('1E400'), new RawNumber('5e-324')],
  Boolean: [0, 1, 1.5, 'true', 'false', '', {}, [true]],
  ID: [1.5, -1, 1e21, 2 ** 53, true, false, {}, ['1'], '', new RawNumber('1.0'), new RawNumber('-0'), new RawNumber('1E400')],
};

/** The fields a selection set asks of the object type `object`, each with its sub-selections. */
function requestedFields(schema, object, selectionSets, fragments) {
  const fields = new Map();
  const applies = (condition) => !condition || condition.name.value === object.name
    || (isAbstractType(schema.getType(condition.name.value)) && schema.isSubType(schema.getType(condition.name.value), object));
  const visit = (selectionSet, seen) => {
    for (const s of selectionSet.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        if (!fields.has(s.name.value)) fields.set(s.name.value, []);
        if (s.selectionSet) fields.get(s.name.value).push(s.selectionSet);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(s.typeCondition)) visit(s.selectionSet, seen);
      } else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f && applies(f.typeCondition)) visit(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
  };
  selectionSets.forEach((s) => visit(s, new Set()));
  return fields;
}

/**
 * A root value for the selection sets: what the schema asks for, with damage at rate `bad`
 * (nulls for non-null, wrong leaves, unknown enum values, bad `__typename`s, lists and
 * non-lists swapped).
 */
function rootValue(r, schema, type, selectionSets, fragments, bad, depth = 0) {
  const named = getNamedType(type);
  if (isNonNullType(type)) {
    if (r.chance(bad * 0.5)) return r.chance(0.7) ? null : undefined;
    return rootValue(r, schema, type.ofType, selectionSets, fragments, bad, depth);
  }
  if (r.chance(0.06)) return null;
  if (isListType(type)) {
    if (r.chance(bad * 0.3)) return r.pick([{}, 'abc', 1, true, { 0: 'a', length: 1 }]);
    const n = depth > 6 ? 0 : r.weighted([[1, 0], [3, 1], [3, 2], [1, 3]]);
    return Array.from({ length: n }, () => rootValue(r, schema, type.ofType, selectionSets, fragments, bad, depth + 1));
  }
  if (isEnumType(named)) {
    if (r.chance(bad)) return r.pick(['NOT_A_VALUE', 1, true, named.getValues()[0].name.toLowerCase(), {}, [named.getValues()[0].name]]);
    return r.pick(named.getValues()).name;
  }
  if (isScalarType(named)) {
    if (WRONG_LEAVES[named.name] && r.chance(bad)) return r.pick(WRONG_LEAVES[named.name]);
    return jsonLeaf(r, named);
  }
  // Composite (the root itself is damaged only in 'odd-root' cases).
  if (depth > 0 && r.chance(bad * 0.15)) return r.pick(['a string', 42, true, []]);
  let object = named;
  let typename;
  if (isAbstractType(named)) {
    const possible = schema.getPossibleTypes(named);
    object = possible.length ? r.pick(possible) : null;
    typename = object?.name;
    if (r.chance(bad) || !object) {
      const others = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !possible.includes(t));
      typename = r.weighted([
        [2, undefined], [2, 'NoSuchType'], [3, others.length ? r.pick(others).name : 'String'], [1, named.name], [1, 42],
        [1, '__Type'], [1, ''],
      ]);
    }
  } else if (r.chance(bad * 0.1)) {
    typename = r.pick([named.name, 'SomethingElse']);
  }
  const out = {};
  const entries = [];
  if (typename !== undefined) entries.push(['__typename', typename]);
  if (object) {
    for (const [fieldName, subSelections] of requestedFields(schema, object, selectionSets, fragments)) {
      const definition = object.getFields()[fieldName];
      if (!definition || r.chance(0.05)) continue;
      const value = rootValue(r, schema, definition.type, subSelections, fragments, bad, depth + 1);
      if (value !== undefined) entries.push([fieldName, value]);
    }
  }
  if (r.chance(0.1)) entries.push([r.pick(OWN_FIELD_NAMES) + 'Extra', 1]);
  const shuffled = r.shuffle(entries);
  if (shuffled.length && r.chance(0.05)) {
    // A repeated key: JSON.parse keeps the last value, in the first key's place.
    const [key] = r.pick(shuffled);
    return new RawObject([[key, r.pick([null, 'first', 1, {}])], ...shuffled]);
  }
  for (const [k, v] of shuffled) out[k] = v;
  if (isAbstractType(named) && r.chance(bad * 0.1)) return [out];
  return out;
}

// MARK: - Introspection

function introspectionQuery(r, schema) {
  const typeNames = Object.keys(schema.getTypeMap());
  const typeArg = () => r.weighted([[6, () => r.pick(typeNames)], [1, () => 'NoSuchType'], [1, () => r.pick(['__Schema', '__Type', 'String', '__TypeKind'])]])();
  const forms = [
    [3, () => getIntrospectionQuery({
      descriptions: r.chance(0.7), specifiedByUrl: r.chance(0.5), directiveIsRepeatable: r.chance(0.5),
      schemaDescription: r.chance(0.5), inputValueDeprecation: r.chance(0.5),
    })],
    [3, () => '{ __schema { types { name kind fields { name type { name kind ofType { name } } } } } }'],
    [2, () => `{ __schema { description queryType { name } mutationType { name } subscriptionType { name kind } directives { name description isRepeatable locations args(includeDeprecated: ${r.chance(0.5)}) { name defaultValue type { name kind ofType { kind name } } isDeprecated } } } }`],
    [4, () => `query Q($name: String!) { __type(name: $name) { name kind description specifiedByURL fields(includeDeprecated: ${r.chance(0.5)}) { name isDeprecated deprecationReason args { name defaultValue type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } type { kind name ofType { kind name ofType { kind name } } } } interfaces { name } possibleTypes { name } enumValues(includeDeprecated: ${r.chance(0.5)}) { name description isDeprecated deprecationReason } inputFields(includeDeprecated: ${r.chance(0.5)}) { name defaultValue isDeprecated deprecationReason type { kind name ofType { name kind } } } ofType { name } } }`],
    [3, () => `{ a: __type(name: ${JSON.stringify(typeArg())}) { name kind fields { name } } b: __typename c: __type(name: ${JSON.stringify(typeArg())}) { possibleTypes { name interfaces { name } } enumValues { name } } }`],
    [2, () => `query Q($deprecated: Boolean = true) { __typename __schema { __typename types { __typename name fields(includeDeprecated: $deprecated) { name isDeprecated } enumValues(includeDeprecated: $deprecated) { name isDeprecated } inputFields(includeDeprecated: $deprecated) { name isDeprecated } } } }`],
  ];
  const query = r.weighted(forms)();
  let variables = null;
  if (query.includes('$name')) variables = { name: typeArg() };
  if (query.includes('$deprecated')) variables = r.pick([null, {}, { deprecated: false }, { deprecated: true }, { deprecated: null }]);
  return { query, variables };
}

/** The document with every fragment spread replaced by the fragment's selections. */
function withFragmentsInlined(text) {
  const document = parse(text, { noLocation: true });
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const inline = (selectionSet) => ({
    ...selectionSet,
    selections: selectionSet.selections.flatMap((s) => {
      if (s.kind === Kind.FRAGMENT_SPREAD) return inline(fragments.get(s.name.value).selectionSet).selections;
      return s.selectionSet ? { ...s, selectionSet: inline(s.selectionSet) } : s;
    }),
  });
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return print({ ...document, definitions: operations.map((o) => ({ ...o, selectionSet: inline(o.selectionSet) })) });
}

// MARK: - Cases

const CATEGORIES = [
  [22, 'clean'], [26, 'dirty-root'], [14, 'bad-variables'], [12, 'invalid-query'], [10, 'introspection'],
  [4, 'full-introspection'], [4, 'odd-root'], [8, 'sdl-gen-schema'], [3, 'syntax-error'],
  [1, 'many-variable-errors'],
];

function option(flag, fallback) {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** A printed document, sometimes re-laid out (the same tokens, other lines and columns). */
function laidOut(r, printed) {
  if (!r.chance(0.3)) return printed;
  const source = relayout(r, printed, randomLayout(r));
  try {
    if (print(parse(source)) === printed) return source;
  } catch {
    // A layout that changed the meaning: keep the plain print.
  }
  return printed;
}

const stats = { cases: 0, noSchema: 0, invalidValid: 0, validInvalid: 0 };

function makeCase(seed, index) {
  const r = new Random(caseSeed(seed ^ 0x45584543, index));
  const category = r.weighted(CATEGORIES);
  const id = `x${seed}-${index}-${category}`;
  if (category === 'many-variable-errors') return manyVariableErrors(id, r);
  const fromSDLGen = category === 'sdl-gen-schema' || (category.endsWith('introspection') && r.chance(0.6));
  const built = randomSchema(r, fromSDLGen ? 'sdl-gen' : 'model');
  if (!built) {
    stats.noSchema++;
    return { id, schema: 'type Query { a: Int }', query: '{ a }', variables: null, operationName: null, root: { a: 1 } };
  }
  const { sdl, schema } = built;

  if (category === 'full-introspection' || category === 'introspection') {
    const full = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const { query, variables } = category === 'full-introspection'
      ? { query: r.chance(0.5) ? full : withFragmentsInlined(full), variables: null }
      : introspectionQuery(r, schema);
    return { id, schema: sdl, query, variables, operationName: null, root: {} };
  }

  const invalid = category === 'invalid-query';
  let made;
  let printed;
  for (let attempt = 0; attempt < 4; attempt++) {
    // Documents past a few kilobytes add time, not coverage: try again, shallower.
    made = randomDocument(r, schema, 4 - attempt);
    if (invalid) {
      const kinds = Object.keys(INVALID_DOCUMENTS);
      for (let k = 0; k < 3 && INVALID_DOCUMENTS[r.pick(kinds)](r, made.builder, made.document) === false; k++);
    }
    printed = print(made.document);
    if (printed.length > 4000 && attempt < 3) continue;
    if (!invalid && made.builder.fragments.length === 0 && made.builder.selectionSets.every((s) => !s.inFragment)) {
      // Without fragments, fields never conflict: valid but for rare cases that --stats counts.
      if (showStats && validate(schema, made.document).length) stats.invalidValid++;
      break;
    }
    let errors;
    try {
      errors = validate(schema, made.document);
    } catch {
      // graphql-js's SingleFieldSubscriptionsRule throws on `@skip(if: $variable)` in a
      // subscription's root selections: not comparable (the oracle skips it if it stays).
      continue;
    }
    if (invalid ? errors.length > 0 : errors.length === 0) break;
    if (attempt === 3) stats[invalid ? 'validInvalid' : 'invalidValid']++;
  }
  const { document, builder, chosen, operationName } = made;
  const bad = { 'dirty-root': r.pick([0.05, 0.15, 0.3]), 'odd-root': 0.1, 'sdl-gen-schema': 0.1 }[category] ?? 0;
  const fragments = new Map(builder.fragments.map((f) => [f.name, f.node]));
  let root = rootValue(r, schema, schema.getRootType(chosen.operation), [chosen.selectionSet], fragments, bad);
  if (category === 'odd-root') root = r.pick([null, [], 'root', 7, true, [root], root]);
  const variableBad = category === 'bad-variables' ? r.pick([0.1, 0.3]) : 0;
  let variables = variableValues(r, builder, chosen, variableBad);
  if (Object.keys(variables).length === 0 && r.chance(0.5)) variables = null;
  if (category === 'bad-variables' && r.chance(0.15)) variables = { ...variables, undeclaredVariable: 1 };
  const query = category === 'syntax-error' ? mutateSyntax(r, laidOut(r, printed))[1] : laidOut(r, printed);
  return { id, schema: sdl, query, variables, operationName, root };
}

/**
 * A variable of a list type given more wrong items than graphql-js reports: it stops at 50
 * errors and adds one saying so.
 */
function manyVariableErrors(id, r) {
  const n = r.range(48, 70);
  const items = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? i : r.pick(['x', 1.5, true, {}])));
  const schema = 'type Query {\n  f(list: [Int!]!, other: Int!): Int\n}\n';
  const query = 'query Many($list: [Int!]!, $other: Int!) {\n  f(list: $list, other: $other)\n}\n';
  return { id, schema, query, variables: { list: items, other: r.pick(['x', 1, null]) }, operationName: null, root: { f: 1 } };
}

const seeds = option('--seeds', option('--seed', '1')).split(',').map(Number);
const count = Number(option('--count', '1000'));
const showStats = process.argv.includes('--stats');
const cases = [];
for (const seed of seeds) {
  for (let index = 0; index < count; index++) {
    cases.push(makeCase(seed, index));
    stats.cases++;
  }
}
if (showStats) {
  const byCategory = {};
  for (const c of cases) {
    const category = c.id.split('-').slice(2).join('-');
    byCategory[category] = (byCategory[category] ?? 0) + 1;
  }
  process.stderr.write(JSON.stringify({ ...stats, byCategory }) + '\n');
}
process.stdout.write(stringify(cases) + '\n');
