// The playground UI: wires the editor, the fetcher, storage, history, the result and trace
// views and the docs explorer together. State that outlives a reload: tabs, history, theme
// (localStorage, namespaced); the token lives in sessionStorage, for this browser tab only.
import { Editor } from './editor.js';
import { complete } from './completion.js';
import { DocsExplorer } from './docs.js';
import { createFetcher } from './fetcher.js';
import { createHistory } from './history.js';
import { parse } from './parser.js';
import { print } from './printer.js';
import { formatBytes, renderJSON, renderTrace } from './result-view.js';
import { buildSchema, introspectionQuery } from './schema.js';
import { createStorage } from './storage.js';
import { validate } from './validate.js';
import { locate } from './lexer.js';

const $ = (id) => document.getElementById(id);
const storage = createStorage('chorus.playground.v1');
const history = createHistory(storage, { cap: 50 });
const fetchGraphQL = createFetcher('/graphql');
const defaultQuery = `# Welcome to the Chorus playground.
# Ctrl/Cmd-Enter runs the query under the cursor; Ctrl-Space completes.
{
  users(first: 3) {
    nodes {
      email
      role
    }
  }
}
`;

let schema = null;
let state = loadTabs();
let saveTimer = 0;
let validateTimer = 0;

// MARK: - Editor

const editor = new Editor($('editor'), {
  complete: (text, offset) => complete(text, offset, schema),
  onChange: (text) => { currentTab().query = text; scheduleSave(); scheduleValidation(); renderTabs(); },
  onRun: () => run(),
  onPrettify: () => prettify(),
});

function scheduleValidation() {
  clearTimeout(validateTimer);
  validateTimer = setTimeout(checkQuery, 120);
}

/** Underlines syntax errors, and with the schema loaded, validation errors. */
function checkQuery() {
  const text = editor.value;
  let errors = [];
  if (text.trim()) {
    try {
      const document = parse(text);
      if (schema) errors = validate(document, schema);
    } catch (error) {
      if (error.start === undefined) throw error;
      errors = [{ message: error.message, start: error.start, end: error.end }];
    }
  }
  editor.setErrors(errors);
  const list = $('diagnostics');
  list.replaceChildren(...errors.map((e) => {
    const li = document.createElement('li');
    const { line, column } = locate(text, e.start);
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'diagnostic';
    b.textContent = `${line}:${column} ${e.message}`;
    b.addEventListener('click', () => { editor.focus(); editor.textarea.setSelectionRange(e.start, e.end); });
    li.append(b);
    return li;
  }));
  document.body.dataset.problems = String(errors.length);
}

function prettify() {
  try {
    editor.replace(0, editor.value.length, print(parse(editor.value)) + '\n', 0);
  } catch (error) {
    setStatus(`Cannot prettify: ${error.message}`, 'error');
  }
  for (const id of ['variables', 'headers']) {
    try { const v = $(id).value.trim(); if (v) $(id).value = JSON.stringify(JSON.parse(v), null, 2); } catch { /* shown as invalid */ }
  }
}

// MARK: - Tabs

function newTab(query = '', variables = '', headers = '') {
  return { id: Math.random().toString(36).slice(2, 10), query, variables, headers };
}

function loadTabs() {
  const saved = storage.get('tabs');
  if (saved && Array.isArray(saved.tabs) && saved.tabs.length) return { tabs: saved.tabs, active: saved.active ?? saved.tabs[0].id };
  const tab = newTab(defaultQuery);
  return { tabs: [tab], active: tab.id };
}

const currentTab = () => state.tabs.find((t) => t.id === state.active) ?? state.tabs[0];

function scheduleSave() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => storage.set('tabs', state), 250);
}

function tabTitle(tab) {
  const m = tab.query.replace(/#.*$/gm, '').match(/\b(query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/);
  if (m) return m[2];
  const field = tab.query.replace(/#.*$/gm, '').match(/\{\s*([_A-Za-z][_0-9A-Za-z]*)/);
  return field ? field[1] : 'New tab';
}

function renderTabs() {
  const bar = $('tabs');
  bar.replaceChildren(...state.tabs.map((tab, index) => {
    const wrap = document.createElement('div');
    wrap.className = 'tab' + (tab.id === state.active ? ' active' : '');
    wrap.setAttribute('role', 'presentation');
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('role', 'tab');
    b.id = `tab-${tab.id}`;
    b.setAttribute('aria-selected', String(tab.id === state.active));
    b.tabIndex = tab.id === state.active ? 0 : -1;
    b.textContent = tabTitle(tab);
    b.addEventListener('click', () => switchTab(tab.id));
    b.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = state.tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + state.tabs.length) % state.tabs.length];
      switchTab(next.id);
      $(`tab-${next.id}`)?.focus();
    });
    wrap.append(b);
    if (state.tabs.length > 1) {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'tab-close';
      close.textContent = '×';
      close.setAttribute('aria-label', `Close tab ${b.textContent}`);
      close.addEventListener('click', () => closeTab(tab.id));
      wrap.append(close);
    }
    return wrap;
  }));
}

function switchTab(id) {
  const tab = currentTab();
  tab.variables = $('variables').value;
  tab.headers = $('headers').value;
  state.active = id;
  showTab();
  scheduleSave();
}

function showTab() {
  const tab = currentTab();
  editor.value = tab.query;
  $('variables').value = tab.variables ?? '';
  $('headers').value = tab.headers ?? '';
  checkJSON();
  renderTabs();
  checkQuery();
  showResult(tab.result ?? null);
}

function closeTab(id) {
  const index = state.tabs.findIndex((t) => t.id === id);
  state.tabs.splice(index, 1);
  if (state.active === id) state.active = state.tabs[Math.max(0, index - 1)].id;
  showTab();
  scheduleSave();
}

$('new-tab').addEventListener('click', () => {
  const tab = newTab('{\n  \n}\n');
  currentTab().variables = $('variables').value;
  state.tabs.push(tab);
  state.active = tab.id;
  showTab();
  scheduleSave();
  editor.focus();
  editor.textarea.setSelectionRange(4, 4);
});

// MARK: - Variables, headers, token

function parseJSONObject(id, what) {
  const text = $(id).value.trim();
  if (!text) return {};
  const value = JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must be a JSON object.`);
  if (id === 'headers' && Object.values(value).some((v) => typeof v !== 'string')) throw new Error('Header values must be strings.');
  return value;
}

/** Validates both JSON inputs; returns the message of the first problem, or null. */
function checkJSON() {
  let problem = null;
  for (const [id, what] of [['variables', 'Variables'], ['headers', 'Headers']]) {
    try { parseJSONObject(id, what); $(id).removeAttribute('aria-invalid'); }
    catch (error) { $(id).setAttribute('aria-invalid', 'true'); problem ??= `${what}: ${error.message}`; }
  }
  $('json-error').textContent = problem ?? '';
  return problem;
}

for (const id of ['variables', 'headers']) {
  $(id).addEventListener('input', () => { currentTab()[id] = $(id).value; checkJSON(); scheduleSave(); });
  $(id).addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') { event.preventDefault(); run(); }
  });
}

for (const [tabId, panelId] of [['variables-tab', 'variables-panel'], ['headers-tab', 'headers-panel']]) {
  $(tabId).addEventListener('click', () => {
    for (const [t, p] of [['variables-tab', 'variables-panel'], ['headers-tab', 'headers-panel']]) {
      const on = t === tabId;
      $(t).setAttribute('aria-selected', String(on));
      $(t).tabIndex = on ? 0 : -1;
      $(p).hidden = !on;
    }
  });
}

try { $('token').value = sessionStorage.getItem('chorus.playground.v1:token') ?? ''; } catch { /* no session storage */ }
$('token').addEventListener('input', () => {
  try { sessionStorage.setItem('chorus.playground.v1:token', $('token').value); } catch { /* kept in the field only */ }
});

// MARK: - Running

/** The operation to run: the one under the cursor, else the first. */
function operationAtCursor(text, cursor) {
  try {
    const operations = parse(text).definitions.filter((d) => d.kind === 'OperationDefinition');
    if (operations.length <= 1) return null;
    const op = operations.find((o) => o.start <= cursor && cursor <= o.end) ?? operations[0];
    return op.name?.value ?? null;
  } catch { return null; }
}

function setStatus(text, kind = '') {
  $('status').textContent = text;
  $('status').className = `result-status ${kind}`;
}

async function run() {
  const problem = checkJSON();
  if (problem) { setStatus(problem, 'error'); return; }
  const tab = currentTab();
  tab.variables = $('variables').value;
  tab.headers = $('headers').value;
  const query = editor.value;
  const operationName = operationAtCursor(query, editor.cursor);
  const headers = parseJSONObject('headers', 'Headers');
  const token = $('token').value.trim();
  if (token) headers.Authorization = `Bearer ${token}`;
  if ($('trace').checked) headers['chorus-trace'] = '1';
  const params = { query, variables: parseJSONObject('variables', 'Variables') };
  if (operationName) params.operationName = operationName;
  setStatus(`Running${operationName ? ` ${operationName}` : ''}…`);
  document.body.dataset.running = 'true';
  try {
    const response = await fetchGraphQL(params, headers);
    tab.result = { status: response.status, body: response.body, text: response.body ? null : response.text, timeMs: response.timeMs, bytes: response.bytes };
    history.add({ query, variables: tab.variables, operationName });
    renderHistory();
  } catch (error) {
    tab.result = { status: 0, body: null, text: `The request failed: ${error.message}`, timeMs: 0, bytes: 0 };
  }
  delete document.body.dataset.running;
  showResult(tab.result);
  // The result is not kept across reloads: it can be large, and may hold private data.
  storage.set('tabs', { ...state, tabs: state.tabs.map(({ result, ...rest }) => rest) });
}

function showResult(result) {
  const view = $('result');
  if (!result) {
    view.replaceChildren();
    setStatus('Run a query to see its result.');
    $('trace-view').replaceChildren(renderTrace(null));
    return;
  }
  const errors = result.body?.errors?.length ?? 0;
  setStatus(`${result.status || 'network error'} · ${result.timeMs.toFixed(0)} ms · ${formatBytes(result.bytes)}${errors ? ` · ${errors} error${errors > 1 ? 's' : ''}` : ''}`,
    errors || result.status >= 400 || !result.status ? 'error' : 'ok');
  if (result.body) view.replaceChildren(renderJSON(result.body));
  else { const pre = document.createElement('pre'); pre.textContent = result.text ?? ''; view.replaceChildren(pre); }
  $('trace-view').replaceChildren(renderTrace(result.body?.extensions?.trace));
}

$('run').addEventListener('click', () => run());
$('prettify').addEventListener('click', () => prettify());

// MARK: - History

function renderHistory() {
  const list = $('history-list');
  const entries = history.list();
  list.replaceChildren(...entries.map((entry) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'history-entry';
    const title = document.createElement('span');
    title.className = 'history-title';
    const named = entry.query.replace(/#.*$/gm, '').match(/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/);
    title.textContent = entry.operationName ?? named?.[1] ?? entry.query.replace(/#.*$/gm, '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const when = document.createElement('time');
    when.dateTime = new Date(entry.at).toISOString();
    when.textContent = new Date(entry.at).toLocaleString();
    b.append(title, when);
    b.addEventListener('click', () => {
      const tab = currentTab();
      tab.query = entry.query;
      tab.variables = entry.variables ?? '';
      showTab();
      scheduleSave();
      editor.focus();
    });
    li.append(b);
    return li;
  }));
  if (!entries.length) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = 'Queries you run appear here.';
    list.append(li);
  }
}

$('clear-history').addEventListener('click', () => { history.clear(); renderHistory(); });

// MARK: - Panels, share, theme

const docs = new DocsExplorer($('docs'), {
  onInsert: (name) => { editor.insertAtCursor(name); },
});

function togglePanel(which) {
  for (const name of ['docs', 'history']) {
    const open = name === which ? $(name).hidden : false;
    $(name).hidden = !open;
    $(`${name}-toggle`).setAttribute('aria-expanded', String(open));
  }
  if (!$(which).hidden) $(which).querySelector('input, button')?.focus();
}
$('docs-toggle').addEventListener('click', () => togglePanel('docs'));
$('history-toggle').addEventListener('click', () => { renderHistory(); togglePanel('history'); });

$('share').addEventListener('click', async () => {
  const params = new URLSearchParams({ query: editor.value });
  if ($('variables').value.trim()) params.set('variables', $('variables').value);
  const url = `${location.origin}${location.pathname}#${params}`;
  window.history.replaceState(null, '', url);
  try { await navigator.clipboard.writeText(url); setStatus('Link copied: it holds the query and variables, never the token or headers.'); }
  catch { setStatus('The address bar now holds a link to this query.'); }
});

const themes = ['auto', 'light', 'dark'];
function applyTheme(theme) {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  $('theme').textContent = `Theme: ${theme}`;
}
applyTheme(storage.get('theme', 'auto'));
$('theme').addEventListener('click', () => {
  const next = themes[(themes.indexOf(storage.get('theme', 'auto')) + 1) % themes.length];
  storage.set('theme', next);
  applyTheme(next);
});

// MARK: - Start

/** A shared link (`#query=…&variables=…`) opens in a tab of its own. */
function openSharedLink() {
  if (!location.hash.includes('query=')) return;
  const params = new URLSearchParams(location.hash.slice(1));
  const query = params.get('query') ?? '';
  const existing = state.tabs.find((t) => t.query === query);
  if (existing) { state.active = existing.id; return; }
  const tab = newTab(query, params.get('variables') ?? '');
  state.tabs.push(tab);
  state.active = tab.id;
}

async function loadSchema() {
  document.body.dataset.schema = 'loading';
  try {
    const response = await fetchGraphQL({ query: introspectionQuery, operationName: 'IntrospectionQuery' });
    if (!response.body?.data?.__schema) throw new Error(response.body?.errors?.[0]?.message ?? `HTTP ${response.status}`);
    schema = buildSchema(response.body.data);
    docs.setSchema(schema);
    document.body.dataset.schema = 'ready';
    checkQuery();
  } catch (error) {
    document.body.dataset.schema = 'failed';
    docs.setSchema(null);
    setStatus(`Could not load the schema (${error.message}): completion and docs are off.`, 'error');
  }
}

openSharedLink();
showTab();
renderHistory();
docs.setSchema(null);
loadSchema();
