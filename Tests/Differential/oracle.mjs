#!/usr/bin/env node
// The reference side of the differential test: graphql-js 16 (Debian node-graphql).
//
// stdin:  [{"id", "kind": "document" | "schema", "source"}]
// stdout: one result per case, same order:
//   document: {id, ok: true, printed}                      print(parse(source))
//             {id, ok: false, stage: "syntax", errors}     the GraphQLError parse throws
//   schema:   {id, ok: false, stage: "syntax", errors}     as above
//             {id, ok: false, stage: "sdl", errors}        validateSDL(document) (buildSchema asserts it)
//             {id, ok: true, printed, schemaErrors}        printSchema(buildASTSchema(document)) and
//                                                          validateSchema(schema), which buildSchema skips
//             {id, ok: false, stage: "build", errors}      buildASTSchema threw a located GraphQLError
//                                                          past SDL validation (an uncoercible
//                                                          @deprecated reason): a rejection, comparable
//             {id, ok: false, stage: "crash", errors}      graphql-js itself failed (stack overflow on a
//                                                          self-referencing default, printSchema unable
//                                                          to print an Infinity default): not comparable
// Each error is {message, locations: [{line, column}]}.
//
// Strings are made well-formed (a lone surrogate becomes U+FFFD) so that they can be decoded
// as Swift Strings: graphql-js cuts some error excerpts by UTF-16 unit, which can split an
// emoji, e.g. `Invalid Unicode escape sequence: "\u12'\ud83d".`.
import { readFileSync } from 'node:fs';

const GRAPHQL_JS = process.env.GRAPHQL_JS_DIR ?? '/usr/share/nodejs/graphql';
const { parse } = await import(`${GRAPHQL_JS}/language/parser.mjs`);
const { print } = await import(`${GRAPHQL_JS}/language/printer.mjs`);
const { validateSDL } = await import(`${GRAPHQL_JS}/validation/validate.mjs`);
const { buildASTSchema } = await import(`${GRAPHQL_JS}/utilities/buildASTSchema.mjs`);
const { printSchema } = await import(`${GRAPHQL_JS}/utilities/printSchema.mjs`);
const { validateSchema } = await import(`${GRAPHQL_JS}/type/validate.mjs`);

function errorJSON(error) {
  return {
    message: error.message.toWellFormed(),
    locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })),
  };
}

function run({ id, kind, source }) {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    if (error?.locations === undefined) throw error;
    return { id, ok: false, stage: 'syntax', errors: [errorJSON(error)] };
  }
  if (kind === 'document') return { id, ok: true, printed: print(document).toWellFormed() };

  const sdlErrors = validateSDL(document);
  if (sdlErrors.length) return { id, ok: false, stage: 'sdl', errors: sdlErrors.map(errorJSON) };
  let schema;
  try {
    schema = buildASTSchema(document, { assumeValidSDL: true });
  } catch (error) {
    return { id, ok: false, stage: error?.locations?.length ? 'build' : 'crash', errors: [errorJSON(error)] };
  }
  let printed;
  try {
    printed = printSchema(schema);
  } catch (error) {
    return { id, ok: false, stage: 'crash', errors: [errorJSON(error)] };
  }
  return { id, ok: true, printed: printed.toWellFormed(), schemaErrors: validateSchema(schema).map(errorJSON) };
}

const cases = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(run)) + '\n');
