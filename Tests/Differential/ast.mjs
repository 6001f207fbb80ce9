// AST node constructors (graphql-js node shapes, without locations) and the random
// names, strings, numbers and values that both generators share.
import { Kind } from '/usr/share/nodejs/graphql/language/kinds.mjs';

export { Kind };

export const name = (value) => ({ kind: Kind.NAME, value });
export const namedType = (value) => ({ kind: Kind.NAMED_TYPE, name: name(value) });
export const listType = (type) => ({ kind: Kind.LIST_TYPE, type });
export const nonNullType = (type) => ({ kind: Kind.NON_NULL_TYPE, type });
export const stringValue = (value, block = false) => ({ kind: Kind.STRING, value, block });
export const argument = (n, value) => ({ kind: Kind.ARGUMENT, name: name(n), value });
export const directive = (n, args = []) => ({ kind: Kind.DIRECTIVE, name: name(n), arguments: args });

export const FIELD_NAMES = [
  'id', 'name', 'email', 'phone', 'role', 'patient', 'doctor', 'consultations', 'edges', 'node',
  'cursor', 'pageInfo', 'hasNextPage', 'endCursor', 'createdAt', 'updatedAt', 'diagnosis',
  'symptoms', 'prescriptions', 'vitalSigns', 'heartRate', 'bloodPressure', 'author', 'comments',
  'likes', 'tags', 'status', 'amountPaid', 'specialty', 'licenseNumber', 'title', 'slug', 'content',
  'excerpt', 'publishedAt', 'analytics', 'topDoctors', 'totals', 'repository', 'owner', 'issues',
  'pullRequests', 'stargazers', 'totalCount', 'login', 'avatarUrl', 'url', 'body', 'labels', 'color',
  'first', 'after', 'last', 'before', 'orderBy', 'filter', 'input', 'value', 'x', 'y', 'a', 'b',
  '_private', 'field_with_underscores', 'camelCaseName', 'v2', 'allergies', 'vaccinations',
];

/** Names that are keywords elsewhere in the grammar but valid names here. */
export const KEYWORD_NAMES = [
  'query', 'mutation', 'subscription', 'fragment', 'on', 'type', 'input', 'enum', 'union',
  'scalar', 'interface', 'schema', 'extend', 'directive', 'implements', 'repeatable',
  'true', 'false', 'null',
];

export const TYPE_NAMES = [
  'User', 'Doctor', 'Patient', 'Consultation', 'MedicalRecord', 'Post', 'Comment', 'Analytics',
  'Node', 'Entity', 'Timestamped', 'PageInfo', 'Connection', 'Edge', 'Repository', 'Issue',
  'PullRequest', 'Label', 'Actor', 'Bot', 'Organization', 'SearchResult', 'Role', 'Status',
  'DateTime', 'URL', 'JSON', 'Money', 'Vital', 'Prescription', 'Allergy', 'Vaccination',
  'CreateUserInput', 'BookingInput', 'Filter', 'Order', 'Range', 'Point',
];

const ID_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
const ID_CONTINUE = ID_START + '0123456789';

export function randomIdentifier(r, maxLength = 10) {
  let s = ID_START[r.int(ID_START.length)];
  const n = r.int(maxLength);
  for (let i = 0; i < n; i++) s += ID_CONTINUE[r.int(ID_CONTINUE.length)];
  return s.startsWith('__') ? 'x' + s : s;
}

/** A field, argument or variable name: usually realistic, sometimes a keyword or random. */
export function fieldName(r) {
  return r.weighted([
    [80, () => r.pick(FIELD_NAMES)],
    [10, () => r.pick(KEYWORD_NAMES)],
    [10, () => randomIdentifier(r)],
  ])();
}

// Pieces from which string values are assembled: plain text, quotes, escapes that the
// printer must produce, non-ASCII in every UTF-16 width, and a `"""` for block strings.
const STRING_PIECES = [
  'hello', ' ', 'world', 'Dr. Ana Souza', '"quoted"', '\\', '/', 'é', 'ñandú', '日本語', '😀',
  '🩺', '\u{10FFFF}', '\t', '\n', '\r', '\b', '\f', '\u0001', '\u001F', '\u007F', '\u0085',
  '\u00A0', '\u2028', '\uFEFF', '"""', "'", '#not a comment', '{ a }', '$x', '  ', '0',
];
const BLOCK_PIECES = [
  'hello', ' ', 'world', 'line', '\n', '\n  ', '\n\t', '    indented', '"', '""', '"""', '\\',
  '\\"""', 'é', '😀', '\t', '# heading', '`code`', '\n\n',
];

export function randomString(r) {
  let s = '';
  const n = r.weighted([[1, 0], [6, 1], [6, 3], [2, 8]]);
  for (let i = 0; i < n; i++) s += r.pick(STRING_PIECES);
  return s;
}

export function randomBlockString(r) {
  let s = r.chance(0.2) ? '  ' : '';
  const n = r.weighted([[1, 0], [6, 2], [6, 5], [2, 12]]);
  for (let i = 0; i < n; i++) s += r.pick(BLOCK_PIECES);
  return s;
}

export function randomStringValue(r) {
  return r.chance(0.3) ? stringValue(randomBlockString(r), true) : stringValue(randomString(r));
}

function digits(r, n, nonZeroFirst) {
  let s = nonZeroFirst ? String(r.range(1, 9)) : '';
  while (s.length < n) s += String(r.int(10));
  return s;
}

/** IntValue text as the lexer accepts it: `0`, `-0`, `42`, `-2147483649`, ... */
export function randomIntText(r) {
  const sign = r.chance(0.3) ? '-' : '';
  return sign + (r.chance(0.15) ? '0' : digits(r, r.range(1, r.chance(0.1) ? 25 : 6), true));
}

/** FloatValue text: `1.5`, `1e10`, `1.5E-3`, `-0.0`, `6.02e+23`, ... */
export function randomFloatText(r, maxExponentDigits = 3) {
  const int = r.chance(0.2) ? '0' : digits(r, r.range(1, 4), true);
  const sign = r.chance(0.3) ? '-' : '';
  const hasFrac = r.chance(0.7);
  const hasExp = !hasFrac || r.chance(0.4);
  const frac = hasFrac ? '.' + digits(r, r.range(1, 6), false) : '';
  const exp = hasExp ? r.pick(['e', 'E']) + r.pick(['', '+', '-']) + digits(r, r.range(1, maxExponentDigits), false) : '';
  return sign + int + frac + exp;
}

export function enumValueName(r) {
  const n = r.chance(0.7)
    ? r.pick(['RED', 'GREEN', 'PATIENT', 'DOCTOR', 'ADMIN', 'PENDING', 'COMPLETED', 'ASC', 'DESC', 'on', 'query', 'type'])
    : randomIdentifier(r);
  return ['true', 'false', 'null'].includes(n) ? n.toUpperCase() : n;
}

/**
 * A random value of any kind, nested up to `depth`. `variables` (names) are used when the
 * position allows variables; pass null for a const position.
 */
export function randomValue(r, depth, variables) {
  const table = [
    [10, 'int'], [8, 'float'], [12, 'string'], [4, 'boolean'], [3, 'null'], [6, 'enum'],
  ];
  if (depth > 0) table.push([5, 'list'], [5, 'object']);
  if (variables) table.push([8, 'variable']);
  switch (r.weighted(table)) {
    case 'int': return { kind: Kind.INT, value: randomIntText(r) };
    case 'float': return { kind: Kind.FLOAT, value: randomFloatText(r) };
    case 'string': return randomStringValue(r);
    case 'boolean': return { kind: Kind.BOOLEAN, value: r.chance(0.5) };
    case 'null': return { kind: Kind.NULL };
    case 'enum': return { kind: Kind.ENUM, value: enumValueName(r) };
    case 'variable':
      return { kind: Kind.VARIABLE, name: name(variables.length && r.chance(0.8) ? r.pick(variables) : fieldName(r)) };
    case 'list': {
      const n = r.weighted([[1, 0], [3, 1], [4, 3], [1, 6]]);
      return { kind: Kind.LIST, values: Array.from({ length: n }, () => randomValue(r, depth - 1, variables)) };
    }
    case 'object': {
      const n = r.weighted([[1, 0], [3, 1], [4, 3], [1, 5]]);
      const fields = Array.from({ length: n }, () => ({
        kind: Kind.OBJECT_FIELD, name: name(fieldName(r)), value: randomValue(r, depth - 1, variables),
      }));
      return { kind: Kind.OBJECT, fields };
    }
  }
}

/** A type reference: named, list and non-null wrappers, never non-null of non-null. */
export function wrapType(r, base, depth = 2) {
  let t = base;
  if (depth > 0 && r.chance(0.25)) t = listType(wrapType(r, base, depth - 1));
  if (r.chance(0.35)) t = nonNullType(t);
  return t;
}
