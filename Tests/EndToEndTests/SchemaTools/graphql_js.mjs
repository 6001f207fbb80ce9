// graphql-js (Debian's node-graphql) against a running Chorus: its introspection query, with
// every option and with none, POSTed; the answer rebuilt with buildClientSchema and printed.
// Prints one "ok" line per step, then the Query type's field names; exits 1 on any failure.
//
//   node graphql_js.mjs http://127.0.0.1:PORT/graphql
import {
  buildClientSchema,
  getIntrospectionQuery,
  printSchema,
} from "/usr/share/nodejs/graphql/index.mjs";

const url = process.argv[2];

async function introspect(name, options) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query: getIntrospectionQuery(options) }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    throw new Error(`${name}: ${response.status} ${JSON.stringify(body.errors)}`);
  }
  const schema = buildClientSchema(body.data);
  const printed = printSchema(schema);
  console.log(`ok ${name} ${printed.includes("type Query {") ? "prints Query" : "no Query"}`);
  return schema;
}

try {
  const schema = await introspect("all options", {
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  });
  await introspect("default options", undefined);
  console.log(`query fields: ${Object.keys(schema.getQueryType().getFields()).sort().join(",")}`);
} catch (error) {
  console.log(`FAIL ${error.message}`);
  process.exit(1);
}
