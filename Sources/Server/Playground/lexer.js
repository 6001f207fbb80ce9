// The GraphQL lexer (https://spec.graphql.org/October2021/#sec-Language.Source-Text), tolerant:
// it never throws, and marks what it cannot read as an `Invalid` token with a message, so the
// editor can highlight a half-typed document and the parser can report the error.

export const Punctuators = new Set(['!', '$', '&', '(', ')', '...', ':', '=', '@', '[', ']', '{', '|', '}']);

/** Tokens of `source`: {kind, value, start, end, message?, at?}, `at` where an Invalid token
 *  goes wrong (else its start); kinds Punctuator, Name, Int, Float,
 *  String, BlockString, Comment, Invalid. Whitespace and commas are skipped. */
export function lex(source) {
  const tokens = [];
  const n = source.length;
  let i = 0;
  const isNameStart = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
  const isDigit = (c) => c >= '0' && c <= '9';
  while (i < n) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\ufeff') { i++; continue; }
    const start = i;
    if (c === '#') {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
      tokens.push({ kind: 'Comment', value: source.slice(start, i), start, end: i });
    } else if (c === '.') {
      if (source.startsWith('...', i)) { i += 3; tokens.push({ kind: 'Punctuator', value: '...', start, end: i }); }
      else { i++; while (source[i] === '.') i++; tokens.push({ kind: 'Invalid', value: source.slice(start, i), start, end: i, message: 'Unexpected "."; did you mean "..."?' }); }
    } else if (Punctuators.has(c)) {
      i++;
      tokens.push({ kind: 'Punctuator', value: c, start, end: i });
    } else if (isNameStart(c)) {
      while (i < n && (isNameStart(source[i]) || isDigit(source[i]))) i++;
      tokens.push({ kind: 'Name', value: source.slice(start, i), start, end: i });
    } else if (isDigit(c) || c === '-') {
      let kind = 'Int';
      let message;
      let at;
      const problem = (text) => { if (!message) { message = text; at = i; } };
      if (source[i] === '-') i++;
      if (source[i] === '0') { i++; if (isDigit(source[i])) problem('Invalid number, unexpected digit after 0.'); }
      else if (isDigit(source[i])) { while (isDigit(source[i])) i++; }
      else problem('Invalid number, expected digit.');
      if (source[i] === '.') {
        kind = 'Float'; i++;
        if (!isDigit(source[i])) problem('Invalid number, expected digit after ".".');
        while (isDigit(source[i])) i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        kind = 'Float'; i++;
        if (source[i] === '+' || source[i] === '-') i++;
        if (!isDigit(source[i])) problem('Invalid number, expected digit in exponent.');
        while (isDigit(source[i])) i++;
      }
      if (i < n && (isNameStart(source[i]) || source[i] === '.')) {
        problem(`Invalid number, unexpected character "${source[i]}".`);
        while (i < n && (isNameStart(source[i]) || isDigit(source[i]) || source[i] === '.')) i++;
      }
      tokens.push(message ? { kind: 'Invalid', value: source.slice(start, i), start, end: i, message, at }
        : { kind, value: source.slice(start, i), start, end: i });
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        i += 3;
        let closed = false;
        while (i < n) {
          if (source.startsWith('\\"""', i)) { i += 4; continue; }
          if (source.startsWith('"""', i)) { i += 3; closed = true; break; }
          i++;
        }
        const raw = source.slice(start + 3, closed ? i - 3 : i);
        tokens.push(closed ? { kind: 'BlockString', value: blockStringValue(raw.replace(/\\"""/g, '"""')), start, end: i }
          : { kind: 'Invalid', value: source.slice(start, i), start, end: i, message: 'Unterminated string.', at: i });
      } else {
        i++;
        let value = '';
        let message;
        let at;
        for (;;) {
          if (i >= n || source[i] === '\n' || source[i] === '\r') { message = 'Unterminated string.'; at = i; break; }
          const ch = source[i];
          if (ch === '"') { i++; break; }
          if (ch === '\\') {
            const e = source[i + 1];
            const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
            if (simple !== undefined) { value += simple; i += 2; continue; }
            if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
              value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16)); i += 6; continue;
            }
            if (!message) { message = `Invalid character escape sequence: "\\${e ?? ''}".`; at = i; }
            i += 2; continue;
          }
          value += ch; i++;
        }
        tokens.push(message ? { kind: 'Invalid', value: source.slice(start, i), start, end: i, message, at }
          : { kind: 'String', value, start, end: i });
      }
    } else {
      i++;
      tokens.push({ kind: 'Invalid', value: c, start, end: i, message: `Unexpected character: "${c}".` });
    }
  }
  return tokens;
}

/** The value of a block string: common indentation and blank first and last lines removed. */
export function blockStringValue(raw) {
  const lines = raw.split(/\r\n|[\n\r]/g);
  let common = null;
  for (let k = 1; k < lines.length; k++) {
    const indent = lines[k].length - lines[k].replace(/^[ \t]*/, '').length;
    if (indent < lines[k].length && (common === null || indent < common)) common = indent;
  }
  if (common) for (let k = 1; k < lines.length; k++) lines[k] = lines[k].slice(common);
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n');
}

/** 1-based line and column of `offset` in `source`. */
export function locate(source, offset) {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < source.length; k++) {
    if (source[k] === '\n') { line++; lineStart = k + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}
