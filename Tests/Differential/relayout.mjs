// Re-lays out a printed document: the same tokens with random ignored tokens between them
// (spaces, tabs, commas, comments, BOMs, LF/CRLF/CR line ends) and strings re-escaped
// (\u00e9, \u{1F600}, surrogate-pair escapes, odd block-string indentation). The caller checks
// that the result still prints the same.
import { Lexer } from '/usr/share/nodejs/graphql/language/lexer.mjs';
import { Source } from '/usr/share/nodejs/graphql/language/source.mjs';
import { TokenKind } from '/usr/share/nodejs/graphql/language/tokenKind.mjs';

export function tokenize(text) {
  const lexer = new Lexer(new Source(text));
  const tokens = [];
  for (let t = lexer.advance(); t.kind !== TokenKind.EOF; t = lexer.advance()) {
    tokens.push({ kind: t.kind, start: t.start, end: t.end, value: t.value });
  }
  return tokens;
}

const WORDLIKE = new Set([TokenKind.NAME, TokenKind.INT, TokenKind.FLOAT, TokenKind.STRING, TokenKind.BLOCK_STRING]);
const COMMENTS = ['', ' comment', ' TODO: "quoted" and \\escaped', ' 😀 emoji and é', '#', ' tab\there', ' { not: "parsed" }', ' \uFEFF bom'];

function newline(r, style) {
  return style === 'mixed' ? r.pick(['\n', '\r\n', '\r']) : style;
}

function separator(r, layout, needed) {
  if (layout.compact) {
    return needed ? r.pick([' ', ',', '\t', '\uFEFF']) : '';
  }
  let s = '';
  const n = r.weighted([[needed ? 0 : 3, 0], [6, 1], [2, 2], [1, 4]]);
  for (let i = 0; i < n; i++) {
    const piece = r.weighted([
      [6, ' '], [2, '  '], [2, '\t'], [3, ','], [1, ', '], [4, newline(r, layout.newline)],
      [1, () => '#' + r.pick(COMMENTS) + newline(r, layout.newline)], [0.3, '\uFEFF'],
      [1, () => newline(r, layout.newline) + ' '.repeat(r.int(9))],
    ]);
    s += typeof piece === 'function' ? piece() : piece;
  }
  return s;
}

/** One code point of a string value as a literal character or any escape that means it. */
function escapeCodePoint(r, ch) {
  const cp = ch.codePointAt(0);
  const upper = r.chance(0.5);
  const hex = (n, w) => { const h = n.toString(16).padStart(w, '0'); return upper ? h.toUpperCase() : h; };
  const simple = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  // graphql-js (and the spec) take any scalar value literally in a string but " \ LF CR.
  const mustEscape = cp === 0x0a || cp === 0x0d || cp === 0x22 || cp === 0x5c;
  const options = [];
  if (!mustEscape) options.push([cp < 0x20 ? 2 : 8, ch]);
  if (simple[ch]) options.push([4, simple[ch]]);
  if (cp <= 0xffff) options.push([2, '\\u' + hex(cp, 4)]);
  options.push([1, '\\u{' + hex(cp, r.pick([1, 4, 6])) + '}']);
  if (cp > 0xffff) {
    const hi = 0xd800 + ((cp - 0x10000) >> 10);
    const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    options.push([3, '\\u' + hex(hi, 4) + '\\u' + hex(lo, 4)]);
  }
  return r.weighted(options);
}

function reescapeString(r, value) {
  let s = '"';
  for (const ch of value) {
    const mustEscape = ch === '"' || ch === '\\' || ch === '\n' || ch === '\r';
    s += mustEscape || r.chance(0.3) ? escapeCodePoint(r, ch) : ch;
  }
  return s + '"';
}

/** A block string with the same value: first line after the quotes, the rest indented oddly. */
function reindentBlockString(r, value, layout, original) {
  const indentUnit = r.pick([' ', '  ', '\t', ' \t', '     ']);
  const indent = indentUnit.repeat(r.range(1, 3));
  const lines = value.replace(/"""/g, '\\"""').split('\n');
  const leading = (line) => line.length - line.replace(/^[ \t]+/, '').length;
  const restIndent = Math.min(...lines.slice(1).filter((l) => leading(l) < l.length).map(leading));
  // Lines after the first that share indentation only keep it if the first line moves
  // down and takes part in the common indentation, which needs it to have none.
  const firstLineDown = restIndent > 0 && restIndent !== Infinity;
  if (firstLineDown && leading(lines[0]) > 0) return original;
  let s = '"""';
  if (firstLineDown) s += newline(r, layout.newline) + indent;
  else if (leading(lines[0]) === 0 && r.chance(0.3)) s += newline(r, layout.newline) + indent;
  s += lines[0];
  for (const line of lines.slice(1)) {
    s += newline(r, layout.newline) + (line === '' && r.chance(0.5) ? '' : indent + line);
  }
  // A value ending in a quote or backslash would merge with the closing quotes.
  if (/["\\]$/.test(value) || r.chance(0.5)) s += newline(r, layout.newline) + (r.chance(0.5) ? indent : '');
  return s + '"""';
}

export function randomLayout(r) {
  return {
    compact: r.chance(0.15),
    newline: r.weighted([[12, '\n'], [5, '\r\n'], [1, '\r'], [2, 'mixed']]),
    bom: r.chance(0.1),
    reescape: r.chance(0.6),
    spacedSigils: r.chance(0.05),
  };
}

/** `text` re-laid out; `layout` from randomLayout. */
export function relayout(r, text, layout) {
  const tokens = tokenize(text);
  let out = layout.bom ? '\uFEFF' : '';
  if (!layout.compact && r.chance(0.3)) out += separator(r, layout, false);
  let prev = null;
  for (const t of tokens) {
    if (prev) {
      const needed = WORDLIKE.has(prev.kind) && WORDLIKE.has(t.kind);
      const sigil = prev.kind === TokenKind.DOLLAR || prev.kind === TokenKind.AT;
      out += sigil && !layout.spacedSigils ? '' : separator(r, layout, needed);
    }
    let lexeme = text.slice(t.start, t.end);
    if (layout.reescape && t.kind === TokenKind.STRING && r.chance(0.8)) lexeme = reescapeString(r, t.value);
    if (layout.reescape && t.kind === TokenKind.BLOCK_STRING && r.chance(0.8)) lexeme = reindentBlockString(r, t.value, layout, lexeme);
    out += lexeme;
    prev = t;
  }
  if (!layout.compact && r.chance(0.5)) out += separator(r, layout, false);
  return out;
}
