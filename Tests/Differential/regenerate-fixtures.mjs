#!/usr/bin/env node
// Rewrites the expected outputs in Tests/Fixtures from graphql-js 16 (Debian node-graphql):
//
//   kitchen-sink.printed.graphql          print(parse(kitchen-sink.graphql))
//   schema-kitchen-sink.printed.graphql   printSchema(buildSchema(schema-kitchen-sink.graphql))
//   corpus/introspection-*.graphql        getIntrospectionQuery(options), three option sets
//
// Outputs are written byte for byte as graphql-js returns them (no trailing newline added).
//   node Tests/Differential/regenerate-fixtures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GRAPHQL_JS = process.env.GRAPHQL_JS_DIR ?? '/usr/share/nodejs/graphql';
const { parse, print, buildSchema, printSchema, validateSchema, getIntrospectionQuery, version } =
  await import(`${GRAPHQL_JS}/index.mjs`);

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'Fixtures');
const read = (name) => readFileSync(join(fixtures, name), 'utf8');
const write = (name, text) => {
  writeFileSync(join(fixtures, name), text);
  console.log(`wrote Tests/Fixtures/${name} (${text.length} characters)`);
};

write('kitchen-sink.printed.graphql', print(parse(read('kitchen-sink.graphql'))));

const schema = buildSchema(read('schema-kitchen-sink.graphql'));
const schemaErrors = validateSchema(schema);
if (schemaErrors.length) throw new Error('schema-kitchen-sink.graphql must be a valid schema:\n' + schemaErrors.join('\n'));
write('schema-kitchen-sink.printed.graphql', printSchema(schema));

const introspection = {
  'introspection-default.graphql': {},
  'introspection-all-options.graphql': {
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
    inputValueDeprecation: true,
  },
  'introspection-no-descriptions.graphql': { descriptions: false },
};
for (const [name, options] of Object.entries(introspection)) {
  const header = `# getIntrospectionQuery(${JSON.stringify(options)}) from graphql-js ${version}, verbatim.\n`;
  write(join('corpus', name), header + getIntrospectionQuery(options));
}
