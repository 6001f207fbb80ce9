// The query editor: a textarea under a highlighted copy of its text. Highlighting, underlined
// errors, bracket matching, comment toggling and the completion list live here; what to
// complete and what is wrong come from the functions passed in.
import { lex } from './lexer.js';

const Brackets = { '(': ')', '[': ']', '{': '}' };
const Closing = { ')': '(', ']': '[', '}': '{' };
const Keywords = new Set(['query', 'mutation', 'subscription', 'fragment', 'on', 'true', 'false', 'null']);

/** Classes for each token, from its neighbours: field, argument, type, variable, directive… */
export function classify(tokens) {
  const classes = [];
  let parenDepthAtTop = 0;
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    let c = t.kind.toLowerCase();
    if (t.kind === 'Punctuator') {
      if (t.value === '{') depth++;
      if (t.value === '}') depth--;
      if (t.value === '(' && depth === 0) parenDepthAtTop++;
      if (t.value === ')' && depth === 0) parenDepthAtTop = 0;
      c = 'punct';
    } else if (t.kind === 'Name') {
      if (prev?.value === '$' && prev.end === t.start) c = 'variable';
      else if (prev?.value === '@' && prev.end === t.start) c = 'directive';
      else if (prev?.kind === 'Name' && prev.value === 'on') c = 'type';
      else if (Keywords.has(t.value) && (depth === 0 || t.value === 'on' || ['true', 'false', 'null'].includes(t.value))) c = 'keyword';
      else if (depth === 0 && parenDepthAtTop && (prev?.value === ':' || prev?.value === '[')) c = 'type';
      else if (next?.value === ':' && next.kind === 'Punctuator') c = 'attribute';
      else if (prev?.value === ':' || prev?.value === '[' || prev?.value === '=') c = 'enum';
      else if (depth === 0) c = 'def';
      else c = 'field';
    } else if (t.kind === 'BlockString') c = 'string';
    else if (t.kind === 'Float') c = 'int';
    classes.push(c);
  }
  return classes;
}

export class Editor {
  /** `options`: {complete(text, offset) → {items, word}, onChange(text), onRun(), onPrettify(), label} */
  constructor(root, options) {
    this.options = options;
    this.errors = [];
    root.classList.add('editor');
    this.highlight = document.createElement('pre');
    this.highlight.className = 'editor-highlight';
    this.highlight.setAttribute('aria-hidden', 'true');
    this.textarea = document.createElement('textarea');
    this.textarea.className = 'editor-input';
    this.textarea.spellcheck = false;
    this.textarea.autocapitalize = 'off';
    this.textarea.setAttribute('autocomplete', 'off');
    this.textarea.setAttribute('aria-label', options.label ?? 'GraphQL query');
    this.textarea.setAttribute('aria-autocomplete', 'list');
    this.list = document.createElement('ul');
    this.list.className = 'completions';
    this.list.id = `completions-${Math.random().toString(36).slice(2)}`;
    this.list.setAttribute('role', 'listbox');
    this.list.hidden = true;
    this.textarea.setAttribute('aria-controls', this.list.id);
    root.append(this.highlight, this.textarea, this.list);
    this.measure = document.createElement('span');
    this.measure.className = 'editor-measure';
    this.measure.textContent = 'M'.repeat(10);
    root.append(this.measure);

    this.textarea.addEventListener('input', (event) => this.onInput(event));
    this.textarea.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.textarea.addEventListener('scroll', () => this.syncScroll());
    this.textarea.addEventListener('blur', () => setTimeout(() => this.closeList(), 150));
    this.textarea.addEventListener('click', () => { this.closeList(); this.render(); });
    document.addEventListener('selectionchange', () => { if (document.activeElement === this.textarea) this.render(); });
    this.list.addEventListener('mousedown', (event) => {
      const item = event.target.closest('li');
      if (item) { event.preventDefault(); this.accept(Number(item.dataset.index)); }
    });
    this.render();
  }

  get value() { return this.textarea.value; }
  set value(text) { this.textarea.value = text; this.render(); }
  get cursor() { return this.textarea.selectionStart; }
  focus() { this.textarea.focus(); }

  setErrors(errors) { this.errors = errors; this.render(); }

  /** Replaces `start..end` with `text` as if typed (undo keeps working where the browser allows). */
  replace(start, end, text, cursor = start + text.length) {
    this.textarea.focus();
    this.textarea.setSelectionRange(start, end);
    if (!document.execCommand || !document.execCommand('insertText', false, text)) {
      this.textarea.setRangeText(text, start, end, 'end');
    }
    this.textarea.setSelectionRange(cursor, cursor);
    this.changed();
  }

  insertAtCursor(text) { this.replace(this.textarea.selectionStart, this.textarea.selectionEnd, text); }

  changed() { this.render(); this.options.onChange?.(this.value); }

  onInput(event) {
    this.changed();
    const typed = event.data ?? '';
    if (/^[_A-Za-z0-9$@]$/.test(typed) || (typed === ' ' && /[:(]\s$/.test(this.value.slice(0, this.cursor)))) this.openList(false);
    else if (event.inputType?.startsWith('delete') && !this.list.hidden) this.openList(false);
    else this.closeList();
  }

  onKeyDown(event) {
    const mod = event.ctrlKey || event.metaKey;
    if (!this.list.hidden) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.select(this.selected + (event.key === 'ArrowDown' ? 1 : -1));
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') { event.preventDefault(); this.accept(this.selected); return; }
      if (event.key === 'Escape') { event.preventDefault(); this.closeList(); return; }
    }
    if (mod && event.key === 'Enter') { event.preventDefault(); this.options.onRun?.(); return; }
    if (mod && (event.key === ' ' || event.code === 'Space')) { event.preventDefault(); this.openList(true); return; }
    if (mod && event.key === '/') { event.preventDefault(); this.toggleComment(); return; }
    if (mod && event.shiftKey && (event.key === 'P' || event.key === 'p')) { event.preventDefault(); this.options.onPrettify?.(); return; }
    if (event.key === 'Escape') { this.escaped = true; return; }
    if (event.key === 'Tab' && !this.escaped && !mod && !event.altKey) {
      // Tab indents; Escape then Tab moves the focus on, so the keyboard never gets stuck here.
      event.preventDefault();
      if (event.shiftKey) this.outdent(); else this.insertAtCursor('  ');
      return;
    }
    if (event.key === 'Enter' && !mod) {
      event.preventDefault();
      const before = this.value.slice(0, this.cursor);
      const line = before.slice(before.lastIndexOf('\n') + 1);
      let indent = line.match(/^\s*/)[0];
      if (/[{(\[]\s*$/.test(line)) indent += '  ';
      this.insertAtCursor('\n' + indent);
      return;
    }
    this.escaped = false;
  }

  outdent() {
    const { start, end } = this.lineRange();
    const lines = this.value.slice(start, end).split('\n').map((l) => l.replace(/^ {1,2}/, ''));
    this.replace(start, end, lines.join('\n'), start);
  }

  lineRange() {
    const text = this.value;
    const start = text.lastIndexOf('\n', this.textarea.selectionStart - 1) + 1;
    let end = text.indexOf('\n', Math.max(this.textarea.selectionEnd - (this.textarea.selectionEnd > this.textarea.selectionStart && text[this.textarea.selectionEnd - 1] === '\n' ? 1 : 0), start));
    if (end < 0) end = text.length;
    return { start, end };
  }

  /** Comments out the selected lines, or uncomments them when all are comments already. */
  toggleComment() {
    const { start, end } = this.lineRange();
    const lines = this.value.slice(start, end).split('\n');
    const commented = lines.every((l) => /^\s*#/.test(l) || l.trim() === '');
    const next = lines.map((l) => (commented ? l.replace(/^(\s*)# ?/, '$1') : l.trim() === '' ? l : l.replace(/^(\s*)/, '$1# ')));
    const selStart = this.textarea.selectionStart;
    this.replace(start, end, next.join('\n'), start);
    this.textarea.setSelectionRange(start, start + next.join('\n').length);
    if (selStart === this.textarea.selectionEnd) this.textarea.setSelectionRange(selStart, selStart);
  }

  // MARK: - Completion

  openList(explicit) {
    const { items, word } = this.options.complete?.(this.value, this.cursor) ?? { items: [] };
    if (!items.length || (!explicit && word.text === '' && !/[$@(:]\s?$/.test(this.value.slice(0, this.cursor)))) { this.closeList(); return; }
    this.items = items.slice(0, 100);
    this.word = word;
    this.list.replaceChildren(...this.items.map((item, index) => {
      const li = document.createElement('li');
      li.id = `${this.list.id}-${index}`;
      li.dataset.index = index;
      li.setAttribute('role', 'option');
      li.className = `completion kind-${item.kind}${item.deprecated ? ' deprecated' : ''}`;
      const label = document.createElement('span');
      label.className = 'completion-label';
      label.textContent = item.label;
      const detail = document.createElement('span');
      detail.className = 'completion-detail';
      detail.textContent = item.detail ?? '';
      li.append(label, detail);
      if (item.doc) li.title = item.doc;
      return li;
    }));
    const { top, left } = this.caretPosition(word.start);
    this.list.style.top = `${top}px`;
    this.list.style.left = `${left}px`;
    this.list.hidden = false;
    this.textarea.setAttribute('aria-expanded', 'true');
    this.select(0);
  }

  closeList() {
    this.list.hidden = true;
    this.textarea.setAttribute('aria-expanded', 'false');
    this.textarea.removeAttribute('aria-activedescendant');
  }

  select(index) {
    const count = this.items.length;
    this.selected = (index + count) % count;
    for (const li of this.list.children) li.setAttribute('aria-selected', String(Number(li.dataset.index) === this.selected));
    const li = this.list.children[this.selected];
    li.scrollIntoView({ block: 'nearest' });
    this.textarea.setAttribute('aria-activedescendant', li.id);
  }

  accept(index) {
    const item = this.items[index];
    this.closeList();
    if (!item) return;
    let { start } = this.word;
    const end = Math.max(this.cursor, this.word.end);
    if (item.insert?.startsWith('$') && this.value[start - 1] === '$') start--;
    this.replace(start, end, item.insert ?? item.label);
  }

  /** Pixel position, inside the editor, just below the character at `offset`. */
  caretPosition(offset) {
    const before = this.value.slice(0, offset);
    const line = before.split('\n').length - 1;
    const column = offset - before.lastIndexOf('\n') - 1;
    const style = getComputedStyle(this.textarea);
    const charWidth = this.measure.getBoundingClientRect().width / 10 || 8;
    const lineHeight = parseFloat(style.lineHeight) || 20;
    return {
      top: parseFloat(style.paddingTop) + (line + 1) * lineHeight - this.textarea.scrollTop + 2,
      left: Math.min(parseFloat(style.paddingLeft) + column * charWidth - this.textarea.scrollLeft, this.textarea.clientWidth - 200),
    };
  }

  // MARK: - Rendering

  syncScroll() {
    this.highlight.scrollTop = this.textarea.scrollTop;
    this.highlight.scrollLeft = this.textarea.scrollLeft;
  }

  /** The brackets to mark around the cursor: [open, close] offsets, or one unmatched offset. */
  matchBracket(tokens) {
    const cursor = this.textarea.selectionStart;
    if (cursor !== this.textarea.selectionEnd) return null;
    const at = tokens.findIndex((t) => t.kind === 'Punctuator' && (Brackets[t.value] || Closing[t.value]) && (t.start === cursor || t.end === cursor));
    if (at < 0) return null;
    const t = tokens[at];
    const forward = Boolean(Brackets[t.value]);
    let depth = 0;
    for (let k = at; forward ? k < tokens.length : k >= 0; k += forward ? 1 : -1) {
      const u = tokens[k];
      if (u.kind !== 'Punctuator') continue;
      if (forward ? Brackets[u.value] : Closing[u.value]) depth++;
      if (forward ? Closing[u.value] : Brackets[u.value]) depth--;
      if (depth === 0) {
        const ok = forward ? Brackets[t.value] === u.value : Closing[t.value] === u.value;
        return { offsets: [t.start, u.start], ok };
      }
    }
    return { offsets: [t.start], ok: false };
  }

  render() {
    const text = this.textarea.value;
    const tokens = lex(text);
    const classes = classify(tokens);
    const bracket = this.matchBracket(tokens);
    // Cut the text at every token, error and bracket boundary; give each piece its classes.
    const cuts = new Set([0, text.length]);
    for (const t of tokens) { cuts.add(t.start); cuts.add(t.end); }
    const errors = this.errors.map((e) => ({ start: Math.min(e.start, text.length), end: Math.min(Math.max(e.end, e.start + 1), text.length) }));
    for (const e of errors) { cuts.add(e.start); cuts.add(e.end); }
    const marks = bracket ? bracket.offsets : [];
    for (const m of marks) { cuts.add(m); cuts.add(m + 1); }
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    let tokenIndex = 0;
    for (let k = 0; k < points.length - 1; k++) {
      const from = points[k];
      const to = points[k + 1];
      while (tokenIndex < tokens.length && tokens[tokenIndex].end <= from) tokenIndex++;
      const token = tokens[tokenIndex];
      const names = [];
      if (token && token.start <= from && to <= token.end) names.push('t-' + classes[tokenIndex]);
      if (errors.some((e) => e.start <= from && to <= e.end)) names.push('squiggle');
      if (marks.includes(from)) names.push(bracket.ok ? 'bracket-match' : 'bracket-unmatched');
      const piece = text.slice(from, to);
      if (names.length) {
        const span = document.createElement('span');
        span.className = names.join(' ');
        span.textContent = piece;
        fragment.append(span);
      } else fragment.append(piece);
    }
    // A trailing newline needs a character after it to take up a line.
    fragment.append('\n');
    this.highlight.replaceChildren(fragment);
    this.syncScroll();
  }
}
