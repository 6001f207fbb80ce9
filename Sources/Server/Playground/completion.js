// Schema-aware completion: where the cursor stands in a (possibly half-typed) document, and
// what may be typed there: fields, arguments, types, directives, enum values, variables.
import { lex } from './lexer.js';
import { isComposite, isInput, namedType, typeString } from './schema.js';

const Keywords = ['query', 'mutation', 'subscription', 'fragment'];

/** Where `offset` stands: the frame stack (innermost last), the previous token and the word being typed. */
export function contextAt(text, offset, schema) {
  const all = lex(text).filter((t) => t.kind !== 'Comment');
  // The word touching the cursor is what the user is typing: it is replaced on completion.
  let word = { start: offset, end: offset, text: '' };
  const tokens = [];
  for (const t of all) {
    if (t.end < offset || (t.end === offset && t.kind !== 'Name')) tokens.push(t);
    else if (t.kind === 'Name' && t.start < offset && t.end >= offset) {
      word = { start: t.start, end: t.end, text: text.slice(t.start, offset) };
    } else if (t.start >= offset) break;
    else if (t.end === offset) tokens.push(t);
  }
  if (tokens.length && tokens[tokens.length - 1].kind === 'Name' && tokens[tokens.length - 1].end === offset) {
    const t = tokens.pop();
    word = { start: t.start, end: t.end, text: t.value };
  }
  const stack = [{ kind: 'document' }];
  const top = () => stack[stack.length - 1];
  let operationVariables = [];
  let pending = null; // the type the next `{` opens
  let lastField = null; // the field definition the next `(` or `{` belongs to
  let expectDirectiveName = false;
  let lastDirective = null;
  let currentArgument = null;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    const frame = top();
    const v = t.kind === 'Punctuator' ? t.value : null;
    if (t.kind === 'Name' && prev?.kind === 'Punctuator' && prev.value === '@') {
      lastDirective = schema?.directive(t.value) ?? null;
      expectDirectiveName = false;
      continue;
    }
    if (v === '@') { expectDirectiveName = true; lastField = frame.kind === 'selection' ? lastField : null; continue; }
    if (frame.kind === 'document') {
      if (t.kind === 'Name' && ['query', 'mutation', 'subscription'].includes(t.value)) {
        pending = schema?.rootType(t.value) ?? null; operationVariables = [];
      } else if (t.kind === 'Name' && prev?.kind === 'Name' && prev.value === 'on') pending = t.value;
      else if (t.kind === 'Name' && t.value === 'fragment') { pending = null; operationVariables = []; }
      else if (v === '(' && lastDirective) { stack.push({ kind: 'arguments', args: lastDirective.args }); lastDirective = null; }
      else if (v === '(') stack.push({ kind: 'variables' });
      else if (v === '{') { stack.push({ kind: 'selection', type: pending ?? schema?.queryType ?? null }); pending = null; }
    } else if (frame.kind === 'variables') {
      if (t.kind === 'Name' && prev?.value === '$') operationVariables.push(t.value);
      if (v === ')') stack.pop();
    } else if (frame.kind === 'selection') {
      if (t.kind === 'Name') {
        if (prev?.value === '...' && t.value !== 'on') { lastField = null; }
        else if (prev?.kind === 'Name' && prev.value === 'on' && tokens[k - 2]?.value === '...') { pending = t.value; lastField = null; }
        else if (t.value !== 'on' || prev?.value !== '...') {
          lastField = frame.type ? schema?.field(frame.type, t.value) ?? null : null;
          pending = null;
          lastDirective = null;
        }
      } else if (v === '(') {
        if (lastDirective) { stack.push({ kind: 'arguments', args: lastDirective.args }); lastDirective = null; }
        else stack.push({ kind: 'arguments', args: lastField?.args ?? [] });
      } else if (v === '{') {
        const type = pending ?? (lastField ? namedType(lastField.type) : null);
        stack.push({ kind: 'selection', type: schema?.type(type) && isComposite(schema.type(type)) ? type : null });
        pending = null; lastField = null;
      } else if (v === '}') {
        stack.pop(); lastField = null;
      } else if (v === '...') { lastField = null; pending = null; }
    } else if (frame.kind === 'arguments' || frame.kind === 'object') {
      const fields = frame.kind === 'arguments' ? frame.args : frame.fields;
      if (t.kind === 'Name' && tokens[k + 1]?.value === ':' && prev?.value !== ':') {
        currentArgument = fields.find((a) => a.name === t.value) ?? null;
        frame.argument = currentArgument;
        frame.used = [...(frame.used ?? []), t.value];
      } else if (v === '{') {
        const type = schema?.type(namedType(frame.argument?.type));
        stack.push({ kind: 'object', fields: type?.inputFields ?? [] });
      } else if (v === '[') stack.push({ kind: 'list', argument: frame.argument });
      else if (v === ')' || v === '}') stack.pop();
    } else if (frame.kind === 'list') {
      if (v === ']') stack.pop();
      else if (v === '[') stack.push({ kind: 'list', argument: frame.argument });
      else if (v === '{') {
        const type = schema?.type(namedType(frame.argument?.type));
        stack.push({ kind: 'object', fields: type?.inputFields ?? [] });
      }
    }
  }
  return { stack, frame: top(), prev: tokens[tokens.length - 1] ?? null, word, operationVariables, lastDirective };
}

/** Completion items at `offset`: [{label, detail, kind, insert}], filtered by the word typed. */
export function complete(text, offset, schema) {
  if (!schema) return { items: [], word: { start: offset, end: offset, text: '' } };
  const context = contextAt(text, offset, schema);
  const { frame, prev, word } = context;
  const p = prev?.kind === 'Punctuator' ? prev.value : prev?.kind === 'Name' ? prev.value : null;
  let items = [];
  const types = (filter) => [...schema.types.values()].filter((t) => !t.name.startsWith('__') && filter(t))
    .map((t) => ({ label: t.name, detail: t.kind.toLowerCase().replace('_', ' '), kind: 'type' }));
  const valuesFor = (ref) => {
    const type = schema.type(namedType(ref));
    const values = context.operationVariables.map((name) => ({ label: '$' + name, insert: '$' + name, detail: 'variable', kind: 'variable' }));
    if (type?.kind === 'ENUM') values.unshift(...type.enumValues.map((e) => ({ label: e.name, detail: type.name, kind: 'enum', deprecated: e.isDeprecated })));
    if (type?.name === 'Boolean') values.unshift({ label: 'true', kind: 'keyword' }, { label: 'false', kind: 'keyword' });
    return values;
  };
  if (p === '@' && prevTouches(prev, word, offset)) {
    items = schema.directives.map((d) => ({ label: d.name, detail: d.locations.join(', ').toLowerCase(), kind: 'directive', doc: d.description }));
  } else if (p === '$' && prevTouches(prev, word, offset)) {
    if (frame.kind !== 'variables') items = context.operationVariables.map((name) => ({ label: name, detail: 'variable', kind: 'variable' }));
  } else if (p === 'on') {
    items = types(isComposite);
  } else if (frame.kind === 'document') {
    items = Keywords.map((k) => ({ label: k, kind: 'keyword' }));
  } else if (frame.kind === 'variables') {
    if (p === ':' || p === '[') items = types(isInput);
  } else if (frame.kind === 'selection') {
    if (p === '...') {
      items = [{ label: 'on', kind: 'keyword', detail: 'inline fragment' }];
      const fragmentNames = [...text.matchAll(/\bfragment\s+([_A-Za-z][_0-9A-Za-z]*)/g)].map((m) => m[1]);
      items.push(...fragmentNames.map((n) => ({ label: n, detail: 'fragment', kind: 'fragment' })));
    } else if (frame.type) {
      items = schema.fields(frame.type).map((f) => ({
        label: f.name, detail: typeString(f.type), kind: 'field', doc: f.description, deprecated: f.isDeprecated,
      }));
    }
  } else if (frame.kind === 'arguments' || frame.kind === 'object') {
    if (p === ':' && frame.argument) items = valuesFor(frame.argument.type);
    else if (p !== ':') {
      const fields = frame.kind === 'arguments' ? frame.args : frame.fields;
      items = fields.filter((a) => !(frame.used ?? []).includes(a.name) || a.name === word.text)
        .map((a) => ({ label: a.name, detail: typeString(a.type), kind: 'argument', doc: a.description, insert: a.name + ': ' }));
    }
  } else if (frame.kind === 'list') {
    if (frame.argument) items = valuesFor(frame.argument.type);
  }
  const typed = word.text.toLowerCase();
  const filtered = items.filter((i) => i.label.toLowerCase().startsWith(typed.replace(/^\$/, '')) || i.label.toLowerCase().startsWith(typed));
  filtered.sort((a, b) => (a.deprecated ? 1 : 0) - (b.deprecated ? 1 : 0));
  if (filtered.length === 1 && filtered[0].label === word.text) return { items: [], word };
  return { items: filtered, word };
}

/** Whether `prev` directly precedes the word (no space), as `@` and `$` must. */
function prevTouches(prev, word, offset) {
  return prev.end === word.start || (word.text === '' && prev.end === offset);
}
