#!/usr/bin/env node
// The reference side of the execution differential test: graphql-js 16 (Debian node-graphql).
//
// stdin:  [{id, schema, query, variables, operationName, root}]   (exec-generate.mjs)
// stdout: one answer per case, same order, as JSON.stringify writes a GraphQL response:
//   {id, errors: [{message, locations, path?}]}            parse failed, validation failed, or the
//                                                          request failed before execution (no data)
//   {id, data, errors?: [{message, locations, path}]}      executed, with the default resolvers
//                                                          (the same-named key of the parent JSON;
//                                                          abstract types resolve by `__typename`)
//   {id, skipped: reason}                                  buildSchema or validate threw, or the
//                                                          schema is invalid (validate would
//                                                          throw): not comparable
// `locations` is always present ([] when graphql-js gives none); `path` only when it gives one.
import { readFileSync } from 'node:fs';

process.env.NODE_ENV ??= 'production';
const GRAPHQL_JS = process.env.GRAPHQL_JS_DIR ?? '/usr/share/nodejs/graphql';
const { buildSchema, validateSchema, parse, validate, execute } = await import(`${GRAPHQL_JS}/index.mjs`);

function errorJSON(error) {
  const out = {
    message: error.message.toWellFormed(),
    locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })),
  };
  if (error.path !== undefined) out.path = error.path;
  return out;
}

function run({ id, schema: sdl, query, variables, operationName, root }) {
  let schema;
  try {
    schema = buildSchema(sdl);
  } catch (error) {
    return { id, skipped: `buildSchema: ${error.message}` };
  }
  const schemaErrors = validateSchema(schema);
  if (schemaErrors.length) return { id, skipped: `invalid schema: ${schemaErrors[0].message}` };
  let document;
  try {
    document = parse(query);
  } catch (error) {
    if (error?.locations === undefined) throw error;
    return { id, errors: [errorJSON(error)] };
  }
  let validationErrors;
  try {
    validationErrors = validate(schema, document);
  } catch (error) {
    // SingleFieldSubscriptionsRule throws on `@skip(if: $variable)` in a subscription's root
    // selections (it collects fields without variable values).
    return { id, skipped: `validate threw: ${error.message}` };
  }
  if (validationErrors.length) return { id, errors: validationErrors.map(errorJSON) };
  const result = execute({ schema, document, rootValue: root, variableValues: variables, operationName });
  if (typeof result?.then === 'function') throw new Error(`${id}: execution did not finish synchronously`);
  const answer = { id };
  if ('data' in result) answer.data = result.data;
  if (result.errors?.length) answer.errors = result.errors.map(errorJSON);
  return answer;
}

const cases = JSON.parse(readFileSync(0, 'utf8'));
// One line per case; strings made well-formed (a lone surrogate becomes U+FFFD) so that Swift
// can decode them.
process.stdout.write('[' + cases.map((c) => JSON.stringify(run(c), (key, value) => (typeof value === 'string' ? value.toWellFormed() : value))).join(',\n') + ']\n');
