// The fetcher: one GraphQL request over HTTP to Chorus, timed and measured. Nothing else
// in the playground talks to the network.

/** Returns `fetch(params, headers)` → {status, body (parsed JSON or null), text, timeMs, bytes}. */
export function createFetcher(url = '/graphql') {
  return async function fetchGraphQL(params, headers = {}) {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...headers,
      },
      body: JSON.stringify(params),
      credentials: 'same-origin',
    });
    const text = await response.text();
    const timeMs = performance.now() - started;
    let body = null;
    try { body = JSON.parse(text); } catch { /* shown as text */ }
    return { status: response.status, body, text, timeMs, bytes: new TextEncoder().encode(text).length };
  };
}
