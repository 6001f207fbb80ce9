// The result viewer: the response JSON as a tree, objects and lists folded with <details>,
// `errors` highlighted; and the trace of `extensions.trace`, per store.

export function renderJSON(value, key = null, depth = 0) {
  const keyed = (node) => {
    if (key === null) return node;
    const line = document.createElement('span');
    const k = document.createElement('span');
    k.className = 'j-key';
    k.textContent = JSON.stringify(key) + ': ';
    line.append(k, node);
    return line;
  };
  if (value === null || typeof value !== 'object') {
    const span = document.createElement('span');
    span.className = `j-${value === null ? 'null' : typeof value}`;
    span.textContent = JSON.stringify(value);
    const row = document.createElement('div');
    row.className = 'j-row';
    row.append(keyed(span));
    return row;
  }
  const isArray = Array.isArray(value);
  const entries = isArray ? value.map((v, i) => [null, v]) : Object.entries(value);
  const details = document.createElement('details');
  details.className = 'j-node';
  if (key === 'errors') details.classList.add('j-errors');
  details.open = depth < 6;
  const summary = document.createElement('summary');
  const open = isArray ? '[' : '{';
  const count = document.createElement('span');
  count.className = 'j-count';
  count.textContent = isArray ? ` ${entries.length} item${entries.length === 1 ? '' : 's'}` : ` ${entries.length} key${entries.length === 1 ? '' : 's'}`;
  summary.append(keyed(document.createTextNode(open)), count);
  details.append(summary);
  const body = document.createElement('div');
  body.className = 'j-children';
  for (const [k, v] of entries) body.append(renderJSON(v, k, depth + 1));
  const close = document.createElement('div');
  close.className = 'j-close';
  close.textContent = isArray ? ']' : '}';
  details.append(body, close);
  return details;
}

const Stores = [['postgresql', 'PostgreSQL'], ['mongodb', 'MongoDB'], ['redis', 'Redis']];
const Columns = [['roundTrips', 'Round trips'], ['items', 'Items'], ['cacheHits', 'Cache hits'], ['cacheMisses', 'Cache misses'], ['timeMs', 'Time (ms)']];

/** A table of the trace, or a hint when the response has none. */
export function renderTrace(trace) {
  const root = document.createElement('div');
  root.className = 'trace';
  if (!trace || typeof trace !== 'object') {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = 'No trace in this response. Turn on “Trace” to send chorus-trace: 1.';
    root.append(p);
    return root;
  }
  const total = document.createElement('p');
  total.className = 'trace-total';
  total.textContent = `Total ${format(trace.durationMs)} ms`;
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const label of ['Store', ...Columns.map((c) => c[1])]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    head.append(th);
  }
  const body = table.createTBody();
  const stores = trace.stores ?? {};
  const names = [...Stores.filter(([n]) => n in stores), ...Object.keys(stores).filter((n) => !Stores.some(([s]) => s === n)).map((n) => [n, n])];
  const max = Math.max(1, ...names.map(([n]) => stores[n]?.roundTrips ?? 0));
  for (const [name, label] of names) {
    const row = body.insertRow();
    row.dataset.store = name;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    row.append(th);
    for (const [column] of Columns) {
      const cell = row.insertCell();
      cell.dataset.column = column;
      cell.textContent = format(stores[name]?.[column]);
      if (column === 'roundTrips') {
        const bar = document.createElement('span');
        bar.className = 'trace-bar';
        bar.style.width = `${((stores[name]?.roundTrips ?? 0) / max) * 3}em`;
        cell.append(bar);
      }
    }
  }
  root.append(total, table);
  return root;
}

const format = (n) => (typeof n === 'number' ? (Number.isInteger(n) ? String(n) : n.toFixed(2)) : '–');

export function formatBytes(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
