#!/usr/bin/env node
// Writes the generated inputs of the benchmark cases (deterministic; re-run to recreate):
//   cases/large-query/query.graphql        ~50 KB of queries valid against schema-telemedicine
//   cases/large-schema/schema.graphql      ~200 types of SDL
//   cases/objects-1000/{schema,query}.graphql, root.json   1,000 objects x 10 fields, nested lists
//   cases/abstract-fragments/{schema,query}.graphql, root.json   fragments over interfaces and unions
//
//   node benchmarks/make-cases.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '../Tests/Differential/random.mjs';

const cases = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const r = new Random(2024);

function write(path, text) {
  mkdirSync(dirname(join(cases, path)), { recursive: true });
  writeFileSync(join(cases, path), text);
  console.log(`wrote benchmarks/cases/${path} (${text.length} bytes)`);
}

// --- large-query: one operation of aliased blocks, plus fragments, against schema-telemedicine.
{
  const blocks = [];
  for (let i = 0; blocks.join('').length < 50_000; i++) {
    const kind = i % 4;
    if (kind === 0) {
      blocks.push(`  patient${i}: user(id: "user-${i}") {
    ...PatientSummary
    consultations(as: PATIENT, first: ${1 + (i % 20)}, status: [SCHEDULED, COMPLETED]) {
      totalCount
      edges { cursor node { id status scheduledAt doctor { ...DoctorSummary } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
    } else if (kind === 1) {
      blocks.push(`  doctor${i}: doctor(id: "doctor-${i}") {
    ...DoctorSummary
    stats { completedConsultations averageRevenue averageRating patientsSeen }
    consultations(status: COMPLETED, first: 5) { edges { node { id amountPaid record { diagnosis symptoms } } } }
  }
`);
    } else if (kind === 2) {
      blocks.push(`  record${i}: medicalRecord(patientId: "user-${i}") {
    allergies { substance severity }
    vitalSigns(last: ${i % 30}) { recordedAt heartRate bloodPressure { systolic diastolic } temperature }
    consultations { consultationId date diagnosis prescriptions { medication dosage frequency } }
  }
`);
    } else {
      blocks.push(`  posts${i}: posts(tag: "tag-${i % 17}", first: ${1 + (i % 10)}) {
    edges { node { id title slug excerpt(length: ${80 + i}) tags author { ...PatientSummary } engagement { views likes } } }
  }
`);
    }
  }
  write('large-query/query.graphql', `query LargeDashboard {\n${blocks.join('')}}

fragment PatientSummary on User {
  id
  name
  email
  role
  medicalRecord { chronicDiseases }
}

fragment DoctorSummary on Doctor {
  id
  specialty
  consultationFee
  available
  user { id name }
}
`);
}

// --- large-schema: many types of every kind with descriptions, arguments and defaults.
{
  const parts = ['"""\nA large generated schema for parse benchmarks.\n"""\nschema {\n  query: Query\n}\n'];
  const n = 40;
  parts.push('scalar DateTime\n\ndirective @cost(weight: Int = 1) on FIELD_DEFINITION | OBJECT\n');
  for (let i = 0; i < n; i++) {
    parts.push(`"Status values of group ${i}."\nenum Status${i} {\n  ACTIVE\n  INACTIVE\n  PENDING @deprecated(reason: "Use ACTIVE.")\n  ARCHIVED\n}\n`);
    parts.push(`input Filter${i} {\n  status: Status${i} = ACTIVE\n  from: DateTime\n  to: DateTime\n  ids: [ID!] = []\n  text: String = "any"\n}\n`);
    parts.push(`interface Entity${i} {\n  id: ID!\n  createdAt: DateTime!\n}\n`);
    const fields = [];
    for (let f = 0; f < 12; f++) {
      const type = r.pick(['String', 'Int', 'Float', 'Boolean', 'ID', `Status${i}`, `[String!]!`, `Item${(i + 1) % n}`, `[Item${(i + 2) % n}!]`]);
      const args = f % 3 === 0 ? `(first: Int = ${f}, after: String, filter: Filter${i})` : '';
      fields.push(`  """\n  Field ${f} of item ${i}.\n  """\n  field${f}${args}: ${type}${f === 7 ? ' @cost(weight: 3)' : ''}`);
    }
    parts.push(`"""\nItem ${i}, with twelve fields.\n"""\ntype Item${i} implements Entity${i} @cost {\n  id: ID!\n  createdAt: DateTime!\n${fields.join('\n')}\n}\n`);
    parts.push(`union Result${i} = Item${i} | Item${(i + 1) % n}\n`);
  }
  const roots = [];
  for (let i = 0; i < n; i++) roots.push(`  item${i}(id: ID!): Item${i}\n  items${i}(filter: Filter${i}, first: Int = 10): [Item${i}!]!\n  search${i}(text: String!): [Result${i}!]!`);
  parts.push(`type Query {\n${roots.join('\n')}\n}\n`);
  write('large-schema/schema.graphql', parts.join('\n'));
}

// --- objects-1000: a list of 1,000 objects with 10 fields, nested lists and objects.
{
  write('objects-1000/schema.graphql', `type Query {
  items: [Item!]!
}

type Item {
  id: ID!
  name: String!
  price: Float!
  inStock: Boolean!
  tags: [String!]!
  ratings: [Int!]!
  dimensions: [[Float!]!]!
  category: Category!
  attributes: [Attribute!]!
  related: [ID!]!
}

type Category {
  id: ID!
  name: String!
  path: [String!]!
}

type Attribute {
  key: String!
  values: [String!]!
}
`);
  write('objects-1000/query.graphql', `query Catalog {
  items {
    id
    name
    price
    inStock
    tags
    ratings
    dimensions
    category { id name path }
    attributes { key values }
    related
  }
}
`);
  const items = [];
  for (let i = 0; i < 1000; i++) {
    items.push({
      id: `item-${i}`,
      name: `Item number ${i}`,
      price: Math.round(r.next() * 100000) / 100,
      inStock: r.chance(0.7),
      tags: Array.from({ length: r.range(1, 4) }, (_, k) => `tag-${(i + k) % 23}`),
      ratings: Array.from({ length: 5 }, () => r.range(1, 5)),
      dimensions: [[r.range(1, 100) / 10, r.range(1, 100) / 10], [r.range(1, 100) / 10]],
      category: { id: `cat-${i % 12}`, name: `Category ${i % 12}`, path: ['root', `section-${i % 3}`, `cat-${i % 12}`] },
      attributes: [{ key: 'color', values: ['red', 'blue'] }, { key: 'size', values: [String(r.range(1, 50))] }],
      related: [`item-${(i + 1) % 1000}`, `item-${(i + 7) % 1000}`],
    });
  }
  write('objects-1000/root.json', JSON.stringify({ items }));
}

// --- abstract-fragments: fragments on interfaces and unions, resolved by "__typename".
{
  write('abstract-fragments/schema.graphql', `interface Node {
  id: ID!
}

interface Person implements Node {
  id: ID!
  name: String!
}

type Patient implements Node & Person {
  id: ID!
  name: String!
  allergies: [String!]!
}

type Doctor implements Node & Person {
  id: ID!
  name: String!
  specialty: String!
  patients: [Patient!]!
}

type Post implements Node {
  id: ID!
  title: String!
  author: Person!
}

union SearchResult = Patient | Doctor | Post

type Query {
  search(text: String!): [SearchResult!]!
  nodes: [Node!]!
}
`);
  write('abstract-fragments/query.graphql', `query Search($text: String!) {
  search(text: $text) {
    __typename
    ... on Node { id }
    ...PersonFields
    ... on Doctor { specialty patients { ...PersonFields allergies } }
    ... on Post { title author { __typename ...PersonFields } }
  }
  nodes {
    id
    ... on Person { name }
    ... on Post { title }
  }
}

fragment PersonFields on Person {
  id
  name
  ... on Patient { allergies }
}
`);
  write('abstract-fragments/variables.json', JSON.stringify({ text: 'cardio' }));
  const patient = (i) => ({ __typename: 'Patient', id: `p-${i}`, name: `Patient ${i}`, allergies: i % 3 ? ['penicillin'] : [] });
  const doctor = (i) => ({ __typename: 'Doctor', id: `d-${i}`, name: `Dr. ${i}`, specialty: 'cardiology', patients: [patient(i), patient(i + 1)] });
  const post = (i) => ({ __typename: 'Post', id: `post-${i}`, title: `Post ${i}`, author: i % 2 ? doctor(i) : patient(i) });
  const search = [];
  for (let i = 0; i < 300; i++) search.push([patient, doctor, post][i % 3](i));
  write('abstract-fragments/root.json', JSON.stringify({ search, nodes: search.slice(0, 100) }));
}
