#!/usr/bin/env node
// graphql-js's side of the side-by-side benchmark: the same arguments, method and output as
// `chorus bench` (BENCHMARKS.md).
//
//   node benchmarks/graphql-js-bench.mjs --schema S --query Q [--root R] [--variables V] \
//        --phase parse|validate|execute|all --iterations N
//
// Method: one warm-up round, then five timed rounds of N operations each; ns_per_op is the
// median round's time divided by N. Reading files and building the schema happen outside the
// timed loop. `parse` times parse only; `validate` times validate() of an already parsed
// document; `execute` times execute() of a parsed document with graphql-js's default resolvers
// reading the root JSON object (abstract types resolve by the object's "__typename");
// `all` times parse + validate + execute.
import { readFileSync } from 'node:fs';

const GRAPHQL_JS = process.env.GRAPHQL_JS_DIR ?? '/usr/share/nodejs/graphql';
const { Source, parse, validate, execute, buildSchema } = await import(`${GRAPHQL_JS}/index.mjs`);

function option(flag, fallback) {
  const i = process.argv.indexOf(flag);
  if (i < 0) return fallback;
  if (i + 1 >= process.argv.length) fail(`${flag} needs a value`);
  return process.argv[i + 1];
}

function fail(message) {
  process.stderr.write(`graphql-js-bench: ${message}\n`);
  process.exit(2);
}

const phase = option('--phase', 'parse');
const iterations = Number(option('--iterations', '1000'));
const schemaPath = option('--schema');
const queryPath = option('--query') ?? fail('--query is required');
const rootPath = option('--root');
const variablesPath = option('--variables');
if (!['parse', 'validate', 'execute', 'all'].includes(phase)) fail(`unknown --phase ${phase}`);
if (!Number.isInteger(iterations) || iterations <= 0) fail('--iterations must be positive');
if (phase !== 'parse' && !schemaPath) fail(`--phase ${phase} needs --schema`);

const source = new Source(readFileSync(queryPath, 'utf8'), queryPath);
const schema = schemaPath && phase !== 'parse' ? buildSchema(readFileSync(schemaPath, 'utf8')) : undefined;
const rootValue = rootPath ? JSON.parse(readFileSync(rootPath, 'utf8')) : undefined;
const variableValues = variablesPath ? JSON.parse(readFileSync(variablesPath, 'utf8')) : undefined;

function executeDocument(document) {
  const result = execute({ schema, document, rootValue, variableValues });
  if (typeof result?.then === 'function') fail('execution returned a promise: only synchronous resolvers are benchmarked');
  return result;
}

const operations = {
  parse: () => parse(source),
  validate: (() => {
    const document = parse(source);
    return () => validate(schema, document);
  })(),
  execute: (() => {
    const document = parse(source);
    return () => executeDocument(document);
  })(),
  all: () => {
    const document = parse(source);
    const errors = validate(schema, document);
    return errors.length ? { errors } : executeDocument(document);
  },
};
const operation = operations[phase];

// Fail before timing if the phase does not succeed on this input.
const first = operation();
const errors = phase === 'validate' ? first : first?.errors;
if (errors?.length) {
  process.stdout.write(JSON.stringify({ engine: 'graphql-js', phase, iterations, ok: false, errors: errors.map((e) => e.message) }) + '\n');
  process.exit(1);
}

function round() {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) operation();
  return Number(process.hrtime.bigint() - start) / iterations;
}

round(); // warm-up
const rounds = Array.from({ length: 5 }, round).sort((a, b) => a - b);
const ns_per_op = Math.round(rounds[2]);
process.stdout.write(JSON.stringify({ engine: 'graphql-js', phase, iterations, ns_per_op, ok: true }) + '\n');
