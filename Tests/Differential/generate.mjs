#!/usr/bin/env node
// Prints a JSON array of differential test cases: [{id, kind: "document"|"schema", source}].
//
//   node Tests/Differential/generate.mjs --seed 1 --count 2000 [--stats]
//   node Tests/Differential/generate.mjs --seeds 1,2,3 --count 1000     (count per seed)
//
// Deterministic: a case depends only on (seed, index), and its id says how it was made
// ("s1-42-doc-syntax-replace-token"), so a failing case can be regenerated alone.
import { parse } from '/usr/share/nodejs/graphql/language/parser.mjs';
import { print } from '/usr/share/nodejs/graphql/language/printer.mjs';
import { Random, caseSeed } from './random.mjs';
import { randomExecutableDocument } from './executable-gen.mjs';
import { randomSchemaDocument } from './sdl-gen.mjs';
import { relayout, randomLayout } from './relayout.mjs';
import { mutateSyntax } from './mutate.mjs';
import { mutateSchema } from './schema-errors.mjs';

function option(flag, fallback) {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const seeds = option('--seeds', option('--seed', '1')).split(',').map(Number);
const count = Number(option('--count', '1000'));
const showStats = process.argv.includes('--stats');
const stats = { relayoutFallback: 0, invalidBase: 0 };

/** print(parse(text)), or null when text does not parse. */
function canonical(text) {
  try {
    return print(parse(text));
  } catch {
    return null;
  }
}

/** `document` printed, then re-laid out; falls back to the plain print if the layout changed its meaning. */
function laidOut(r, document) {
  const printed = print(document);
  const source = relayout(r, printed, randomLayout(r));
  const got = canonical(source);
  if (got === printed) return source;
  const expected = canonical(printed);
  if (expected === null) {
    stats.invalidBase++;
    return printed;
  }
  if (got === expected) return source;
  stats.relayoutFallback++;
  return printed;
}

const TOKEN_SOUP = [
  '{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '|', '&', '...', 'query', 'mutation',
  'subscription', 'fragment', 'on', 'type', 'extend', 'schema', 'scalar', 'interface', 'implements',
  'union', 'enum', 'input', 'directive', 'repeatable', 'Name', 'field', '1', '-1.5e3', '"s"',
  '"""b"""', 'true', 'null', 'FIELD', 'OBJECT', '#c\n',
];
const LEADING = ['query', 'mutation', 'subscription', 'fragment', 'extend', 'type', 'schema', 'scalar', 'interface', 'union', 'enum', 'input', 'directive', '{', '"desc"', ''];

function tokenSoup(r) {
  const parts = [r.pick(LEADING)];
  for (let n = r.range(0, 10); n > 0; n--) parts.push(r.pick(TOKEN_SOUP));
  return parts.join(r.pick([' ', '', '\n', ',']));
}

const CATEGORIES = [
  [22, 'doc'], [16, 'sdl'], [5, 'sdl-as-doc'], [20, 'doc-syntax'], [10, 'sdl-syntax'],
  [18, 'sdl-semantic'], [6, 'token-soup'],
];

function makeCase(seed, index) {
  const r = new Random(caseSeed(seed, index));
  const category = r.weighted(CATEGORIES);
  const id = `s${seed}-${index}-${category}`;
  switch (category) {
    case 'doc':
      return { id, kind: 'document', source: laidOut(r, randomExecutableDocument(r)) };
    case 'sdl':
      return { id, kind: 'schema', source: laidOut(r, randomSchemaDocument(r)) };
    case 'sdl-as-doc':
      return { id, kind: 'document', source: laidOut(r, randomSchemaDocument(r)) };
    case 'doc-syntax': {
      const [how, source] = mutateSyntax(r, laidOut(r, randomExecutableDocument(r)));
      return { id: `${id}-${how}`, kind: 'document', source };
    }
    case 'sdl-syntax': {
      const [how, source] = mutateSyntax(r, laidOut(r, randomSchemaDocument(r)));
      return { id: `${id}-${how}`, kind: r.chance(0.7) ? 'schema' : 'document', source };
    }
    case 'sdl-semantic': {
      const document = randomSchemaDocument(r);
      const how = mutateSchema(r, document) ?? 'none';
      return { id: `${id}-${how}`, kind: 'schema', source: laidOut(r, document) };
    }
    case 'token-soup':
      return { id, kind: r.chance(0.5) ? 'schema' : 'document', source: tokenSoup(r) };
  }
}

const cases = [];
// A lone surrogate cannot cross JSON into a Swift String; no generator should make one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
for (const seed of seeds) {
  for (let i = 0; i < count; i++) {
    const c = makeCase(seed, i);
    c.source = c.source.replace(LONE_SURROGATE, '\ufffd');
    cases.push(c);
  }
}
process.stdout.write(JSON.stringify(cases, null, 0) + '\n');
if (showStats) {
  const byCategory = {};
  for (const c of cases) {
    const key = c.id.split('-').slice(2).join('-');
    byCategory[key] = (byCategory[key] ?? 0) + 1;
  }
  process.stderr.write(JSON.stringify({ ...stats, byCategory }, null, 1) + '\n');
}
