// Random executable documents (operations and fragments) as graphql-js ASTs.
import {
  Kind, name, namedType, argument, directive, fieldName, randomValue, wrapType, TYPE_NAMES,
  randomIdentifier,
} from './ast.mjs';

const DIRECTIVE_NAMES = ['include', 'skip', 'defer', 'stream', 'cached', 'auth', 'live', 'log', 'on', 'x'];

function directives(r, variables, max = 2) {
  const n = r.weighted([[6, 0], [3, 1], [1, max]]);
  return Array.from({ length: n }, () => directive(r.pick(DIRECTIVE_NAMES), args(r, variables, 2)));
}

function args(r, variables, max = 4) {
  const n = r.weighted([[4, 0], [4, 1], [2, r.range(2, max)]]);
  return Array.from({ length: n }, () => argument(fieldName(r), randomValue(r, 3, variables)));
}

function typeCondition(r) {
  return namedType(r.chance(0.9) ? r.pick(TYPE_NAMES) : r.pick(['on', 'query', randomIdentifier(r)]));
}

function selectionSet(r, ctx, depth) {
  const n = depth > 2 ? r.weighted([[3, 1], [5, 2], [1, 4]]) : r.weighted([[3, 1], [5, 3], [2, 6]]);
  const selections = [];
  for (let i = 0; i < n; i++) selections.push(selection(r, ctx, depth));
  return { kind: Kind.SELECTION_SET, selections };
}

function selection(r, ctx, depth) {
  const table = [[14, 'field']];
  if (ctx.fragmentNames.length) table.push([3, 'spread']);
  if (depth > 0) table.push([3, 'inline']);
  switch (r.weighted(table)) {
    case 'field': {
      const node = {
        kind: Kind.FIELD,
        alias: r.chance(0.2) ? name(fieldName(r)) : undefined,
        name: name(r.chance(0.05) ? '__typename' : fieldName(r)),
        arguments: args(r, ctx.variables),
        directives: directives(r, ctx.variables),
      };
      if (depth > 0 && r.chance(0.45)) node.selectionSet = selectionSet(r, ctx, depth - 1);
      return node;
    }
    case 'spread':
      return {
        kind: Kind.FRAGMENT_SPREAD,
        name: name(r.pick(ctx.fragmentNames)),
        directives: directives(r, ctx.variables),
      };
    case 'inline':
      return {
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: r.chance(0.7) ? typeCondition(r) : undefined,
        directives: directives(r, ctx.variables),
        selectionSet: selectionSet(r, ctx, depth - 1),
      };
  }
}

function variableDefinitions(r) {
  const n = r.weighted([[4, 0], [3, 1], [2, 3], [1, 6]]);
  const seen = new Set();
  const defs = [];
  for (let i = 0; i < n; i++) {
    const v = fieldName(r);
    if (seen.has(v)) continue;
    seen.add(v);
    defs.push({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: name(v) },
      type: wrapType(r, namedType(r.pick(['Int', 'Float', 'String', 'Boolean', 'ID', ...TYPE_NAMES]))),
      defaultValue: r.chance(0.3) ? randomValue(r, 2, null) : undefined,
      directives: directives(r, null, 1),
    });
  }
  return defs;
}

function operation(r, ctx, depth) {
  const operationKind = r.weighted([[6, 'query'], [2, 'mutation'], [1, 'subscription']]);
  const shorthand = operationKind === 'query' && r.chance(0.2);
  const variableDefs = shorthand ? [] : variableDefinitions(r);
  const opCtx = { ...ctx, variables: variableDefs.map((d) => d.variable.name.value) };
  return {
    kind: Kind.OPERATION_DEFINITION,
    operation: operationKind,
    name: !shorthand && r.chance(0.8) ? name(r.chance(0.85) ? r.pick(['GetUser', 'Dashboard', 'BookConsultation', 'OnLike', 'Q']) + r.int(100) : r.pick(['query', 'on', 'fragment', 'subscription'])) : undefined,
    variableDefinitions: variableDefs,
    directives: shorthand ? [] : directives(r, opCtx.variables),
    selectionSet: selectionSet(r, opCtx, depth),
  };
}

function fragment(r, ctx, fragmentName, depth) {
  return {
    kind: Kind.FRAGMENT_DEFINITION,
    name: name(fragmentName),
    typeCondition: typeCondition(r),
    directives: directives(r, []),
    selectionSet: selectionSet(r, { ...ctx, variables: ['id', 'first', 'withBody'] }, depth),
  };
}

/** A random executable document: one to five definitions, at least one operation. */
export function randomExecutableDocument(r) {
  const fragmentNames = [];
  const nFragments = r.weighted([[5, 0], [3, 1], [2, 3]]);
  for (let i = 0; i < nFragments; i++) {
    fragmentNames.push(r.chance(0.85) ? r.pick(['UserFields', 'DoctorCard', 'PostParts', 'F']) + i : r.pick(['query', 'fragment', 'type', 'true']) + (i || ''));
  }
  const ctx = { fragmentNames, variables: [] };
  const depth = r.weighted([[3, 1], [4, 2], [3, 3], [1, 5]]);
  const definitions = [];
  const nOps = r.weighted([[6, 1], [3, 2], [1, 4]]);
  for (let i = 0; i < nOps; i++) definitions.push(operation(r, ctx, depth));
  for (const f of fragmentNames) definitions.push(fragment(r, ctx, f, Math.max(1, depth - 1)));
  return { kind: Kind.DOCUMENT, definitions: r.shuffle(definitions) };
}
