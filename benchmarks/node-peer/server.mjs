// The Node.js gateway a team would otherwise write, over Chorus's stores, schema and data: the
// peer `scripts/compare-node` measures `chorus serve` against.
//
//   node server.mjs [--port 4100] [--host 127.0.0.1] [--document-cache]
//
// graphql-js 16.6 (`graphql()`, or `execute` over a cache of parsed and validated documents
// keyed by the query text with --document-cache, as Apollo Server and GraphQL Yoga do by
// default), node-postgres, the MongoDB driver and node-redis, all from Debian, with
// per-request DataLoaders (./dataloader.mjs) and a Redis read-through cache of users, doctors
// and the top-doctors ranking, as Chorus has. The SQL and the MongoDB reads are Chorus's
// (Sources/Gateway/Loaders, Resolvers). It serves only the fields of the benchmark's cases
// (cases.json), for an admin's bearer token (HS256, CHORUS_JWT_SECRET or the development
// secret); each gives the same `data` as Chorus, which scripts/compare-node checks.
//
// POST /direct/CASE answers a case of cases.json by hand-written batched reads, without
// GraphQL: the floor of what any gateway could do over these stores.
//
// Stores: DATABASE_URL, MONGODB_URL, REDIS_URL. Its cache keys start with `node-peer:`, so
// they never meet Chorus's even in one Redis database.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { DataLoader } from "./dataloader.mjs";

const require = createRequire(import.meta.url);
const { buildSchema, graphql, execute, parse, validate, GraphQLError } = require("graphql");
const pg = require("pg");
const { MongoClient } = require("mongodb");
const { createClient } = require("redis");

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

// MARK: - Options

const options = { port: 4100, host: "127.0.0.1", documentCache: false };
for (let index = 2; index < process.argv.length; index++) {
  const argument = process.argv[index];
  if (argument === "--port") options.port = Number(process.argv[++index]);
  else if (argument === "--host") options.host = process.argv[++index];
  else if (argument === "--document-cache") options.documentCache = true;
  else {
    console.error(`node-peer: unknown option ${argument}`);
    process.exit(2);
  }
}
for (const name of ["DATABASE_URL", "MONGODB_URL", "REDIS_URL"]) {
  if (!process.env[name]) {
    console.error(`node-peer: ${name} is not set`);
    process.exit(2);
  }
}

const entityTTL = 300; // GatewayConfiguration.entityTTL
const analyticsTTL = 60; // GatewayConfiguration.analyticsTTL

// MARK: - Stores (pool sizes as Chorus's GatewayStores.Pools)

const postgres = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const mongoClient = await MongoClient.connect(process.env.MONGODB_URL, { useUnifiedTopology: true, poolSize: 8 });
const mongo = mongoClient.db();
const redis = createClient({ url: process.env.REDIS_URL });
redis.on("error", (error) => console.error(`node-peer: redis: ${error.message}`));
await redis.connect();

// MARK: - Identifiers and cursors (Sources/Gateway/Model)

const base64 = (text) => Buffer.from(text, "utf8").toString("base64");
const globalID = (type, key) => base64(`${type}:${key}`);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The UUID an ID argument names: a bare UUID or a global ID of `type`. */
function uuidArgument(text, type, argument) {
  if (uuidPattern.test(text)) return text.toLowerCase();
  const decoded = Buffer.from(text, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon > 0 && decoded.slice(0, colon) === type && uuidPattern.test(decoded.slice(colon + 1))) {
    return decoded.slice(colon + 1).toLowerCase();
  }
  throw new GraphQLError(`Argument "${argument}" is not a ${type} ID.`, { extensions: { code: "BAD_USER_INPUT" } });
}

const dateKeyOffset = 100_000_000_000_000_000n;
/** Cursor.dateKey from microseconds since 1970 (a bigint or its text). */
const dateKey = (micros) => (BigInt(micros) + dateKeyOffset).toString().padStart(19, "0");
const cursor = (order, key, id) => base64(`${order}\u001f${key}\u001f${id}`);

/** A Relay connection over a page; edges and cursors are made only when asked for. */
function connection(page, first, hasPreviousPage, cursorOf) {
  const items = page.items;
  const edges = () => items.map((item) => ({ cursor: cursorOf(item), node: item }));
  return {
    nodes: items,
    edges,
    totalCount: page.totalCount,
    pageInfo: () => ({
      hasNextPage: page.hasNextPage,
      hasPreviousPage,
      startCursor: items.length ? cursorOf(items[0]) : null,
      endCursor: items.length ? cursorOf(items[items.length - 1]) : null,
    }),
  };
}

function pageArguments(args, defaultFirst) {
  const first = args.first ?? defaultFirst;
  if (first < 0 || first > 100) {
    throw new GraphQLError(`Argument "first" must be between 0 and 100, not ${first}.`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  // Only the first page is served here: the benchmark's cases never pass `after`.
  if (args.after != null) throw new GraphQLError("node-peer serves first pages only (no after).");
  return first;
}

// MARK: - Rows, as Chorus's UserRow, DoctorRow, ConsultationRow

const iso = (date) => (date == null ? null : date.toISOString());
const userRow = (row) => ({
  id: row.id, email: row.email, phone: row.phone, role: row.role,
  createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
});
const doctorRow = (row) => ({
  userId: row.user_id, specialty: row.specialty, licenseNumber: row.license_number,
  consultationFee: row.consultation_fee, available: row.available,
  createdAt: iso(row.created_at), updatedAt: iso(row.updated_at),
});
const consultationRow = (row) => ({
  id: row.id, patientId: row.patient_id, doctorId: row.doctor_id, scheduledAt: iso(row.scheduled_at),
  sortKey: row.sort_key, status: row.status, amountPaid: row.amount_paid,
  createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), completedAt: iso(row.completed_at),
});
const userColumns = "id, email, phone, role, created_at, updated_at";
const doctorColumns = "user_id, specialty, license_number, consultation_fee, available, created_at, updated_at";
const consultationColumns =
  "id, patient_id, doctor_id, scheduled_at, status, amount_paid, created_at, updated_at, completed_at";

// MARK: - Batch reads (Sources/Gateway/Loaders)

async function usersByID(ids) {
  const { rows } = await postgres.query(`SELECT ${userColumns} FROM users WHERE id = ANY($1)`, [ids]);
  const found = new Map(rows.map((row) => [row.id, userRow(row)]));
  return ids.map((id) => found.get(id) ?? null);
}

async function doctorsByUserID(ids) {
  const { rows } = await postgres.query(`SELECT ${doctorColumns} FROM doctors WHERE user_id = ANY($1)`, [ids]);
  const found = new Map(rows.map((row) => [row.user_id, doctorRow(row)]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Pages of patients' consultations, keys `first|status|patientId`: per group of arguments one
 *  window statement and one count (PostgresBatch's PageGroup), the two sent together. */
async function consultationPages(keys) {
  const groups = new Map();
  for (const key of keys) {
    const [first, status, parent] = key.split("|");
    const group = `${first}|${status}`;
    if (!groups.has(group)) groups.set(group, { first: Number(first), status: status || null, parents: [] });
    groups.get(group).parents.push(parent);
  }
  const pages = new Map();
  await Promise.all([...groups.values()].map(async ({ first, status, parents }) => {
    const [items, counts] = await Promise.all([
      postgres.query(
        `SELECT * FROM (
             SELECT filtered.*, row_number() OVER (
                 PARTITION BY filtered.party ORDER BY filtered.sort_key DESC, filtered.id DESC) AS position
             FROM (
                 SELECT ${consultationColumns}, patient_id AS party,
                        (extract(epoch FROM scheduled_at) * 1000000)::bigint AS sort_key
                 FROM consultations
                 WHERE patient_id = ANY($1) AND ($2::text IS NULL OR status = $2)
             ) filtered
         ) page
         WHERE page.position <= $3
         ORDER BY page.party, page.position`,
        [parents, status, first + 1]),
      postgres.query(
        `SELECT patient_id AS party, count(*) AS total FROM consultations
         WHERE patient_id = ANY($1) AND ($2::text IS NULL OR status = $2)
         GROUP BY patient_id`,
        [parents, status]),
    ]);
    const byParent = new Map();
    for (const row of items.rows) {
      if (!byParent.has(row.party)) byParent.set(row.party, []);
      byParent.get(row.party).push(consultationRow(row));
    }
    const totals = new Map(counts.rows.map((row) => [row.party, Number(row.total)]));
    for (const parent of parents) {
      const found = byParent.get(parent) ?? [];
      pages.set(`${first}|${status ?? ""}|${parent}`, {
        items: found.slice(0, first), hasNextPage: found.length > first, totalCount: totals.get(parent) ?? 0,
      });
    }
  }));
  return keys.map((key) => pages.get(key));
}

/** MongoBatch.load: every read of one dispatch as one aggregate, a `$unionWith` per further
 *  part, each part tagged with its number. Keys `record:PATIENT`, `posts:AUTHOR`,
 *  `comments:POST`; a page's parents' documents are fetched whole and cut in the resolver.
 *  Admins read drafts too, so no visibility filter is added. */
const mongoParts = [
  { kind: "record", collection: "medical_records", field: "patientId" },
  { kind: "posts", collection: "posts", field: "authorId" },
  { kind: "comments", collection: "comments", field: "postId" },
];
async function mongoReads(keys) {
  const wanted = new Map(mongoParts.map((part) => [part.kind, new Set()]));
  for (const key of keys) {
    const colon = key.indexOf(":");
    wanted.get(key.slice(0, colon)).add(key.slice(colon + 1));
  }
  const parts = mongoParts.filter((part) => wanted.get(part.kind).size > 0);
  const stages = (index, part) => [
    { $match: { [part.field]: { $in: [...wanted.get(part.kind)].sort() } } },
    { $addFields: { __chorus_part: index } },
  ];
  const pipeline = stages(0, parts[0]);
  parts.slice(1).forEach((part, index) => {
    pipeline.push({ $unionWith: { coll: part.collection, pipeline: stages(index + 1, part) } });
  });
  const documents = await mongo.collection(parts[0].collection).aggregate(pipeline).toArray();
  const grouped = new Map();
  for (const document of documents) {
    const part = parts[document.__chorus_part];
    if (!part) continue;
    delete document.__chorus_part;
    const key = `${part.kind}:${document[part.field]}`;
    if (!grouped.has(key)) grouped.set(key, []);
    grouped.get(key).push(document);
  }
  return keys.map((key) => {
    const found = grouped.get(key) ?? [];
    return key.startsWith("record:") ? found[0] ?? null : found;
  });
}

/** Posts newest first, comments oldest first, on (createdAt, _id) as MongoBatch sorts them. */
const byDate = (a, b) => a.createdAt - b.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
const mongoDateKey = (date) => dateKey(BigInt(date instanceof Date ? date.getTime() : 0) * 1000n);
function pageOf(documents, first, newestFirst) {
  const sorted = [...documents].sort(newestFirst ? (a, b) => byDate(b, a) : byDate);
  return { items: sorted.slice(0, first), hasNextPage: sorted.length > first, totalCount: sorted.length };
}

async function topDoctors(limit, specialty) {
  const { rows } = await postgres.query(
    `SELECT c.doctor_id, count(*) AS completed, avg(c.amount_paid)::float8 AS average,
            sum(c.amount_paid)::bigint AS revenue
     FROM consultations c JOIN doctors d ON d.user_id = c.doctor_id
     WHERE c.status = 'COMPLETED' AND ($2::text IS NULL OR d.specialty = $2)
     GROUP BY c.doctor_id
     ORDER BY completed DESC, average DESC, c.doctor_id
     LIMIT $1`,
    [limit, specialty]);
  return rows.map((row) => ({
    doctorId: row.doctor_id, completedConsultations: Number(row.completed),
    averageRevenue: row.average, totalRevenue: Number(row.revenue),
  }));
}

// MARK: - The request context

/** Per request: its loaders, and the cache entries to write after the response. */
class Context {
  constructor(viewer) {
    this.viewer = viewer;
    this.redis = new DataLoader(async (keys) => {
      try {
        return await redis.mGet(keys);
      } catch {
        return keys.map(() => null); // the cache is an optimization, never a dependency
      }
    });
    this.users = new DataLoader(usersByID);
    this.doctors = new DataLoader(doctorsByUserID);
    this.consultationPages = new DataLoader(consultationPages);
    this.mongo = new DataLoader(mongoReads);
    this.cachedReads = new Map();
    this.cacheFills = [];
  }

  /** Read-through: the Redis copy (in the tick's MGET), else the source, queued to be cached
   *  after the response; each key read and decoded once per request. */
  cached(key, ttl, source) {
    let read = this.cachedReads.get(key);
    if (!read) {
      read = this.redis.load(key).then((text) => {
        if (text != null) return JSON.parse(text);
        return source().then((value) => {
          if (value != null) this.cacheFills.push([key, JSON.stringify(value), ttl]);
          return value;
        });
      });
      this.cachedReads.set(key, read);
    }
    return read;
  }

  user(id) {
    return this.cached(`node-peer:v1:user:${id}`, entityTTL, () => this.users.load(id));
  }

  doctor(id) {
    return this.cached(`node-peer:v1:doctor:${id}`, entityTTL, () => this.doctors.load(id));
  }

  consultations(patientId, first, status) {
    return this.consultationPages.load(`${first}|${status ?? ""}|${patientId}`);
  }

  topDoctors(limit) {
    return this.cached(`node-peer:v1:analytics:top-doctors:${limit}`, analyticsTTL, () => topDoctors(limit, null));
  }

  /** Writes the cache fills, after the response has gone. */
  flush() {
    if (this.cacheFills.length === 0) return;
    const multi = redis.multi();
    for (const [key, value, ttl] of this.cacheFills) multi.set(key, value, { EX: ttl });
    multi.exec().catch(() => {});
  }
}

// MARK: - The schema and its resolvers (Sources/Gateway/Resolvers)

const schemaDirectory = process.env.CHORUS_SCHEMA_DIR ?? path.join(root, "schema");
const sdl = fs.readdirSync(schemaDirectory).filter((name) => name.endsWith(".graphql")).sort()
  .map((name) => fs.readFileSync(path.join(schemaDirectory, name), "utf8")).join("\n");
const schema = buildSchema(sdl);

const consultationCursor = (row) => cursor("d", dateKey(row.sortKey), row.id);
const userCursor = (row) => cursor("d", dateKey(BigInt(Date.parse(row.createdAt)) * 1000n), row.id);
const postCursor = (post) => cursor("d", mongoDateKey(post.createdAt), post._id);
const commentCursor = (comment) => cursor("a", mongoDateKey(comment.createdAt), comment._id);

async function usersPage(first, role) {
  const [page, count] = await Promise.all([
    postgres.query(
      `SELECT ${userColumns}, (extract(epoch FROM created_at) * 1000000)::bigint AS sort_key
       FROM users WHERE ($1::text IS NULL OR role = $1)
       ORDER BY sort_key DESC, id DESC LIMIT $2`,
      [role, first + 1]),
    postgres.query("SELECT count(*) AS total FROM users WHERE ($1::text IS NULL OR role = $1)", [role]),
  ]);
  const rows = page.rows.map((row) => ({ ...userRow(row), sortKey: row.sort_key }));
  return { items: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: Number(count.rows[0].total) };
}

const resolvers = {
  Query: {
    user: (_, { id }, context) => context.user(uuidArgument(id, "User", "id")),
    users: async (_, args) => {
      const first = pageArguments(args, 20);
      const page = await usersPage(first, args.role ?? null);
      return connection(page, first, false, (row) => cursor("d", dateKey(row.sortKey), row.id));
    },
    analytics: () => ({}),
  },
  Analytics: {
    topDoctors: (_, { limit, specialty }, context) => {
      if (limit < 1 || limit > 100) throw new GraphQLError(`Argument "limit" must be between 1 and 100, not ${limit}.`);
      if (specialty != null) throw new GraphQLError("node-peer serves topDoctors without a specialty only.");
      return context.topDoctors(limit);
    },
  },
  DoctorRanking: {
    doctor: (ranking, _, context) => context.doctor(ranking.doctorId),
  },
  User: {
    id: (user) => globalID("User", user.id),
    consultations: async (user, args, context) => {
      const first = pageArguments(args, 10);
      const page = await context.consultations(user.id, first, args.status ?? null);
      return connection(page, first, false, consultationCursor);
    },
    posts: async (user, args, context) => {
      const first = pageArguments(args, 10);
      const posts = await context.mongo.load(`posts:${user.id}`);
      return connection(pageOf(posts, first, true), first, false, postCursor);
    },
    doctorProfile: (user, _, context) => (user.role === "DOCTOR" ? context.doctor(user.id) : null),
  },
  Doctor: {
    id: (doctor) => globalID("Doctor", doctor.userId),
    user: (doctor, _, context) => context.user(doctor.userId),
  },
  Consultation: {
    id: (row) => globalID("Consultation", row.id),
    patient: (row, _, context) => context.user(row.patientId),
    doctor: (row, _, context) => context.doctor(row.doctorId),
    record: async (row, _, context) => {
      if (row.status !== "COMPLETED") return null;
      const record = await context.mongo.load(`record:${row.patientId}`);
      return record?.consultations?.find((entry) => entry.consultationId === row.id) ?? null;
    },
  },
  Post: {
    id: (post) => globalID("Post", post._id),
    comments: async (post, args, context) => {
      const first = pageArguments(args, 20);
      const comments = await context.mongo.load(`comments:${post._id}`);
      return connection(pageOf(comments, first, false), first, false, commentCursor);
    },
  },
  Comment: {
    id: (comment) => globalID("Comment", comment._id),
  },
};
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName);
  for (const [fieldName, resolve] of Object.entries(fields)) {
    const field = type.getFields()[fieldName];
    if (!field) throw new Error(`node-peer: ${typeName}.${fieldName} is not in the schema`);
    field.resolve = resolve;
  }
}

// MARK: - The hand-written floor: each case's reads without GraphQL

const direct = {
  typename: async () => ({ __typename: "Query" }),
  user: async (variables, context) => {
    const user = await context.user(uuidArgument(variables.id, "User", "id"));
    return { user: user && { id: globalID("User", user.id), email: user.email, role: user.role } };
  },
  "users-consultations-doctors": async (_, context) => {
    const users = await usersPage(50, null);
    const nodes = await Promise.all(users.items.map(async (user) => {
      const page = await context.consultations(user.id, 10, null);
      const consultations = await Promise.all(page.items.map(async (row) => {
        const doctor = await context.doctor(row.doctorId);
        const doctorUser = await context.user(doctor.userId);
        return { doctor: { user: { email: doctorUser.email } } };
      }));
      return { consultations: { nodes: consultations } };
    }));
    return { users: { nodes } };
  },
  hundred: async (_, context) => {
    const users = await usersPage(100, null);
    const nodes = await Promise.all(users.items.map(async (user) => {
      const [page, posts] = await Promise.all([
        context.consultations(user.id, 20, null),
        context.mongo.load(`posts:${user.id}`),
      ]);
      const [consultations, postNodes] = await Promise.all([
        Promise.all(page.items.map(async (row) => {
          const [doctor, record] = await Promise.all([
            context.doctor(row.doctorId),
            row.status === "COMPLETED" ? context.mongo.load(`record:${row.patientId}`) : null,
          ]);
          const entry = record?.consultations?.find((item) => item.consultationId === row.id);
          return {
            status: row.status,
            doctor: { specialty: doctor.specialty },
            record: entry ? { diagnosis: entry.diagnosis ?? null } : null,
          };
        })),
        Promise.all(pageOf(posts, 20, true).items.map(async (post) => {
          const comments = await context.mongo.load(`comments:${post._id}`);
          return {
            title: post.title ?? null,
            comments: { nodes: pageOf(comments, 20, false).items.map((comment) => ({ body: comment.body ?? null })) },
          };
        })),
      ]);
      return { email: user.email, consultations: { nodes: consultations }, posts: { nodes: postNodes } };
    }));
    return { users: { nodes } };
  },
  "top-doctors": async (_, context) => {
    const ranking = await context.topDoctors(10);
    const topDoctors = await Promise.all(ranking.map(async ({ doctorId }) => {
      const doctor = await context.doctor(doctorId);
      const user = await context.user(doctor.userId);
      return { doctor: { user: { email: user.email } } };
    }));
    return { analytics: { topDoctors } };
  },
};

// MARK: - Authentication: an admin's HS256 bearer token (TokenAuthority)

const secret = process.env.CHORUS_JWT_SECRET ?? "chorus-development-secret-never-use-in-production";
/** Tokens already verified, with their viewer and expiry, as Chorus keeps them. */
const verifiedTokens = new Map();

function viewerOf(request) {
  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return { error: "Sign in as an admin: node-peer serves admins only." };
  const token = header.slice(7);
  const now = Date.now() / 1000;
  let verified = verifiedTokens.get(token);
  if (!verified) {
    const [head, payload, signature] = token.split(".");
    if (!signature) return { error: "The bearer token is malformed." };
    const expected = crypto.createHmac("sha256", secret).update(`${head}.${payload}`).digest();
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return { error: "The bearer token's signature is not valid." };
    }
    const header = JSON.parse(Buffer.from(head, "base64url").toString("utf8"));
    if (header.alg !== "HS256") return { error: "The bearer token's algorithm is not HS256." };
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof claims.exp !== "number") return { error: "The bearer token has no \"exp\" claim." };
    verified = { id: claims.sub, role: claims.role, expires: claims.exp };
    if (verifiedTokens.size >= 10_000) verifiedTokens.clear();
    verifiedTokens.set(token, verified);
  }
  if (now >= verified.expires) return { error: "The bearer token has expired." };
  if (verified.role !== "ADMIN") return { error: "node-peer serves admins only." };
  return { viewer: verified };
}

// MARK: - HTTP

/** Parsed and validated documents by query text (--document-cache). */
const documents = new Map();
function cachedDocument(query) {
  let entry = documents.get(query);
  if (!entry) {
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [error] };
    }
    const errors = validate(schema, document);
    entry = errors.length ? { errors } : { document };
    if (documents.size >= 1_000) documents.clear();
    documents.set(query, entry);
  }
  return entry;
}

/** Requests to /graphql and /direct, shown by /health: what scripts/compare-node divides CPU
 *  time by, once the server is idle again (so every one counted has been answered, including
 *  those whose client left before the answer, whose work was done all the same). */
let answered = 0;
function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

async function handle(request, response) {
  const url = request.url;
  if (request.method === "GET" && url === "/health") return send(response, 200, { status: "ok", answered });
  const directCase = url.startsWith("/direct/") ? url.slice(8) : null;
  if (request.method !== "POST" || (url !== "/graphql" && !(directCase in direct))) {
    return send(response, 404, { errors: [{ message: "Not found." }] });
  }
  answered++;
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return send(response, 400, { errors: [{ message: "The body is not JSON." }] });
  }
  const { viewer, error } = viewerOf(request);
  if (error) return send(response, 401, { errors: [{ message: error, extensions: { code: "UNAUTHENTICATED" } }] });
  const context = new Context(viewer);
  let result;
  if (directCase) {
    try {
      result = { data: await direct[directCase](body.variables ?? {}, context) };
    } catch (failure) {
      result = { errors: [{ message: failure.message }] };
    }
  } else if (options.documentCache) {
    const entry = cachedDocument(body.query);
    if (entry.errors) return send(response, 400, { errors: entry.errors });
    result = await execute({
      schema, document: entry.document, variableValues: body.variables, operationName: body.operationName,
      contextValue: context,
    });
  } else {
    result = await graphql({
      schema, source: body.query, variableValues: body.variables, operationName: body.operationName,
      contextValue: context,
    });
  }
  send(response, 200, result);
  context.flush();
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((failure) => {
    console.error(`node-peer: ${failure.stack}`);
    if (!response.headersSent) send(response, 500, { errors: [{ message: "Internal server error." }] });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(options.port, options.host, () => {
  console.log(`node-peer: http://${options.host}:${options.port} (document cache ${options.documentCache ? "on" : "off"})`);
});
const stop = () => {
  server.close();
  Promise.allSettled([postgres.end(), mongoClient.close(), redis.quit()]).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
