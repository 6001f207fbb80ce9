// Checks that every case of cases.json gets the same `data` from every server, with no errors.
//
//   node check.mjs --token TOKEN --patient UUID [--cases a,b] NAME=URL...
//
// The first server is the reference (Chorus). A URL holding `{case}` is a /direct endpoint,
// given the case's name there. Prints one line per case and server; exits 1 on any difference.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
let token, patient, only;
const servers = [];
for (let index = 2; index < process.argv.length; index++) {
  const argument = process.argv[index];
  if (argument === "--token") token = process.argv[++index];
  else if (argument === "--patient") patient = process.argv[++index];
  else if (argument === "--cases") only = process.argv[++index].split(",").filter(Boolean);
  else {
    const equals = argument.indexOf("=");
    servers.push({ name: argument.slice(0, equals), url: argument.slice(equals + 1) });
  }
}

/** The cases, with `$patient` in their variables replaced. */
export function loadCases(patientId) {
  const text = fs.readFileSync(path.join(here, "cases.json"), "utf8").replaceAll('"$patient"', JSON.stringify(patientId));
  return JSON.parse(text);
}

const cases = loadCases(patient).filter((item) => !only || only.includes(item.name));
let failed = false;
for (const item of cases) {
  let reference;
  for (const server of servers) {
    const url = server.url.replace("{case}", item.name);
    let outcome;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: item.query, variables: item.variables ?? {} }),
      });
      const body = await response.json();
      if (response.status !== 200 || body.errors) outcome = { error: `${response.status} ${JSON.stringify(body.errors)}` };
      else outcome = { data: JSON.stringify(body.data) };
    } catch (error) {
      outcome = { error: error.message };
    }
    let verdict;
    if (outcome.error) verdict = `ERROR ${outcome.error.slice(0, 300)}`;
    else if (reference === undefined) verdict = `reference, ${outcome.data.length} bytes of data`;
    else if (outcome.data === reference) verdict = "same data";
    else {
      let at = 0;
      while (outcome.data[at] === reference[at]) at++;
      verdict = `DIFFERENT data from character ${at}: ${server.name} …${outcome.data.slice(Math.max(0, at - 40), at + 80)}… ` +
        `${servers[0].name} …${reference.slice(Math.max(0, at - 40), at + 80)}…`;
    }
    if (reference === undefined && outcome.data !== undefined) reference = outcome.data;
    if (outcome.error || verdict.startsWith("DIFFERENT")) failed = true;
    console.log(`${item.name}\t${server.name}\t${verdict}`);
  }
}
process.exit(failed ? 1 : 0);
