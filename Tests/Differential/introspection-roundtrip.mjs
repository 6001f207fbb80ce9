// The introspection round trip, judged by graphql-js 16.
//
//   node introspection-roundtrip.mjs --query     prints getIntrospectionQuery() with every option on
//   node introspection-roundtrip.mjs < cases     reads [{id, sdl, response}] (response: our JSON answer to
//                                                that query) and writes [{id, expected, actual}]: the
//                                                SDL as graphql-js prints buildSchema(sdl), and as it
//                                                prints buildClientSchema(response.data).
import { readFileSync } from 'node:fs';

const dir = process.env.GRAPHQL_JS_DIR ?? '/usr/share/nodejs/graphql';
const { buildSchema, buildClientSchema, getIntrospectionQuery, printSchema } = await import(`${dir}/index.mjs`);

if (process.argv.includes('--query')) {
  process.stdout.write(
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    }),
  );
} else {
  const cases = JSON.parse(readFileSync(0, 'utf8'));
  const results = cases.map(({ id, sdl, response }) => {
    const expected = printSchema(buildSchema(sdl));
    let actual;
    try {
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      // @oneOf is a built-in directive since the September 2025 edition; graphql-js 16 predates
      // it and would print it as a custom one. Only that built-in is removed before rebuilding.
      const data = structuredClone(response.data);
      data.__schema.directives = data.__schema.directives.filter((directive) => directive.name !== 'oneOf');
      actual = printSchema(buildClientSchema(data));
    } catch (error) {
      actual = `buildClientSchema failed: ${error.message}`;
    }
    return { id, expected, actual };
  });
  process.stdout.write(JSON.stringify(results));
}
