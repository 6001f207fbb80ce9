// The playground's parser, printer and validator against graphql-js 16 (Debian node-graphql),
// over the gateway's schema: every message ours reports, graphql-js reports too (the subset
// is sound); the rules ours covers report exactly what graphql-js does; prettify prints as
// graphql-js `print`; syntax errors stop at the same place. Exit 1 on any difference.
//   node against-graphql-js.mjs   (run by PlaygroundRoutesTests)
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const g = require('/usr/share/nodejs/graphql');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const playground = path.join(root, 'Sources/Server/Playground/');
const { parse } = await import(playground + 'parser.js');
const { print } = await import(playground + 'printer.js');
const { validate } = await import(playground + 'validate.js');
const { buildSchema } = await import(playground + 'schema.js');
const { locate } = await import(playground + 'lexer.js');

const dir = path.join(root, 'schema');
const sdl = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()
  .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
const reference = g.buildSchema(sdl);
const schema = buildSchema(g.introspectionFromSchema(reference));

// Messages of rules the playground leaves to the server.
const uncovered = [/used in position expecting type/, /cannot represent/, /can never be spread/, /conflict because/];
const documents = [
  '{ users { nodes { emial } } }', '{ users(frist: 2) { nodes { id } } }', '{ user { id } }',
  'query Q($x: Int) { users { nodes { id } } }', '{ users(first: $n) { nodes { id } } }', '{ ...F }',
  'fragment F on User { id } { users { nodes { id } } }', '{ users { nodes { email { x } } } }', '{ users }',
  'query A { analytics { totals { users } } } { users { nodes { id } } }', 'query A { __typename } query A { __typename }',
  '{ users(role: NURSE) { nodes { id } } }', '{ users(role: PATIENTS) { nodes { id } } }',
  'query Q($x: Foo) { user(id: $x) { id } }', 'query Q($x: User) { user(id: $x) { id } }',
  '{ users { nodes { ... on Nope { id } } } }', '{ users { nodes { id @skip(if: true) @nope } } }',
  '{ users { nodes { id @skip } } }', 'fragment F on Role { x } { ...F }', 'fragment F on Nope { x } { ...F }',
  'query Q($id: ID!) { ...F } fragment F on Query { user(id: $id) { id ...G } } fragment G on User { id ...G }',
  'query Q($id: ID!, $id: ID!) { user(id: $id) { id } }', '{ users(first: 1, first: 2) { nodes { id } } }',
  '{ __schema { types { name } } __type(name: "User") { name } }',
  '{ node(id: "1") { id ... on User { email } ... on Doctor { specialty } } }', 'mutation { __typename }',
  '{ users(first: 1) { nodes { ... on Node { id } } } }', 'query Q($r: Role = DOCTOR) { users(role: $r) { nodes { id } } }',
  'query Q($r: Role = NURSE) { users(role: $r) { nodes { id } } }', 'query A($a: Int) { ...F } query B { ...F } fragment F on Query { users(first: $a) { totalCount } }',
  '{ users(first: 3, role: PATIENT) { nodes { email consultations(first: 2, status: COMPLETED) { totalCount } } } }',
  'query ($first: Int = 5) @skip(if: false) { a: users(first: $first) { n: nodes { ...on User { id } } } }',
  '{ post(slug: """a\n  block""") { title } }', '{ analytics { totals { users } } }',
];
const syntaxErrors = ['{', '{ a(', '{ a }}', 'query { a(b: 1.) }', '{ "x }', 'query Q($) { a }', 'fragment on on X { a }', '{ ...on }', '{ a @ }', '{ a: }', '{ a(b: [1, 2) }', '{ a(b: "\\q") }', '{ a(b: 01) }', '{ a(b: 1e) }', '{ a(b: 1x) }'];

let failures = 0;
const fail = (...what) => { failures++; console.log('FAIL', ...what); };
for (const source of documents) {
  const ours = validate(parse(source), schema).map((e) => e.message);
  const theirs = g.validate(reference, g.parse(source)).map((e) => e.message);
  for (const m of ours) if (!theirs.includes(m)) fail('reported only by the playground:', source, m);
  for (const m of theirs) if (!ours.includes(m) && !uncovered.some((r) => r.test(m))) fail('missed:', source, m);
  if (print(parse(source)) !== g.print(g.parse(source))) fail('print differs:', source, print(parse(source)));
}
for (const source of syntaxErrors) {
  let ours = null;
  let theirs = null;
  try { parse(source); } catch (error) { ours = locate(source, error.start); }
  try { g.parse(source); } catch (error) { theirs = error.locations[0]; }
  if (!ours || !theirs || ours.line !== theirs.line || ours.column !== theirs.column) {
    fail('syntax error place:', JSON.stringify(source), ours, theirs);
  }
}
console.log(failures ? `${failures} failures` : `ok: ${documents.length} documents, ${syntaxErrors.length} syntax errors`);
process.exit(failures ? 1 : 0);
