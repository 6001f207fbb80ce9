// Syntax-level damage to a valid document: single-character edits, token edits, and lexemes
// the lexer must reject (bad escapes, bad numbers, invalid characters).
import { tokenize } from './relayout.mjs';
import { TokenKind } from '/usr/share/nodejs/graphql/language/tokenKind.mjs';

const CHARS = [
  '{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '|', '&', '.', '"', "'", '#', ',', '\\',
  'a', 'Z', '_', '0', '7', '-', '+', ' ', '\n', '\t', '\u0007', '\u0000', '\uFFFF', '\u00A0',
  '\u2028', 'é', '😀', '?', '%',
];

/** Lexemes that no valid document contains at a token boundary. */
export const BAD_LEXEMES = [
  '"unterminated', '"a\\xb"', '"\\u{110000}"', '"\\uD800"', '"\\uD800x"', '"\\uDE00"', '"\\u{D800}"',
  '"\\uD83D\\u0041"', '"\\u{}"', '"\\u{1F600"', '"\\u12"', '"\\uXYZW"', '"\\u{FFFFFFFFF}"', '"\\q"',
  '"line\nbreak"', '"""open', '"\\', '01', '1.e5', '0x1', '1.', '.5', '1e', '00', '-', '1a', '1.5.',
  '-a', '1e+', '1.5e', '+1', '1_000', '0b1', '1.0e5.3', '-01', '1.5a', '1e5x', '..', '....', '. ..',
  "'a'", "'", '\u0007', '\u0000', '\uFFFF', '\uFFFE', '\u00A0', '\u200B', '\u2028', '😀', '&', '?',
  '~', '%', '<', '*', ';', '`', '\\', '…', '”', '\u0085',
];

const ESCAPE_DAMAGE = ['\\x', '\\u{110000}', '\\uD800', '\\uDBFF\\u0041', '\\u{}', '\\u{D800}', '\\u12', '\\uZZZZ', '\\', '\n', '\r', '\\U0041', '\\u{12345678}'];
const BLOCK_DAMAGE = ['\\u0041', '"""', '\\"""', '\u0001', '\\'];

/** `pos` moved off the middle of a surrogate pair: a lone surrogate cannot travel as JSON to Swift. */
function boundary(text, pos) {
  const unit = text.charCodeAt(pos);
  return unit >= 0xdc00 && unit <= 0xdfff && pos > 0 ? pos - 1 : pos;
}

function splice(text, start, end, insert) {
  return text.slice(0, boundary(text, start)) + insert + text.slice(boundary(text, end));
}

/** One random syntactic mutation of `text`, named for the case id. */
export function mutateSyntax(r, text) {
  const tokens = tokenize(text);
  const pos = boundary(text, r.int(text.length + 1));
  const tok = tokens.length ? r.pick(tokens) : { start: 0, end: 0, kind: TokenKind.EOF };
  const kind = r.weighted([
    [3, 'insert-char'], [3, 'delete-char'], [3, 'substitute-char'], [4, 'delete-token'],
    [2, 'duplicate-token'], [4, 'replace-token'], [3, 'insert-lexeme'], [2, 'truncate'],
    [2, 'swap-tokens'], [3, 'damage-string'], [1, 'damage-block-string'],
  ]);
  switch (kind) {
    case 'insert-char': return [kind, splice(text, pos, pos, r.pick(CHARS))];
    case 'delete-char': {
      const p = boundary(text, Math.min(pos, text.length - 1));
      const width = text.codePointAt(p) > 0xffff ? 2 : 1;
      return [kind, splice(text, p, p + width, '')];
    }
    case 'substitute-char': {
      const p = boundary(text, Math.min(pos, text.length - 1));
      const width = text.codePointAt(p) > 0xffff ? 2 : 1;
      return [kind, splice(text, p, p + width, r.pick(CHARS))];
    }
    case 'delete-token': {
      // Prefer structure: braces, colons, names.
      const structural = tokens.filter((t) => [TokenKind.BRACE_L, TokenKind.BRACE_R, TokenKind.COLON, TokenKind.NAME, TokenKind.PAREN_R, TokenKind.BRACKET_R].includes(t.kind));
      const t = structural.length && r.chance(0.7) ? r.pick(structural) : tok;
      return [kind, splice(text, t.start, t.end, '')];
    }
    case 'duplicate-token': return [kind, splice(text, tok.end, tok.end, ' ' + text.slice(tok.start, tok.end))];
    case 'replace-token': {
      const values = tokens.filter((t) => [TokenKind.INT, TokenKind.FLOAT, TokenKind.STRING, TokenKind.NAME].includes(t.kind));
      const t = values.length && r.chance(0.7) ? r.pick(values) : tok;
      return [kind, splice(text, t.start, t.end, r.pick(BAD_LEXEMES))];
    }
    case 'insert-lexeme': {
      const at = r.chance(0.5) ? tok.start : tok.end;
      return [kind, splice(text, at, at, r.pick([' ', '']) + r.pick(BAD_LEXEMES) + r.pick([' ', '']))];
    }
    case 'truncate': return [kind, text.slice(0, pos)];
    case 'swap-tokens': {
      const i = r.int(Math.max(tokens.length - 1, 1));
      const a = tokens[i];
      const b = tokens[i + 1];
      if (!a || !b) return [kind, text + '}'];
      return [kind, text.slice(0, a.start) + text.slice(b.start, b.end) + text.slice(a.end, b.start) + text.slice(a.start, a.end) + text.slice(b.end)];
    }
    case 'damage-string': {
      const strings = tokens.filter((t) => t.kind === TokenKind.STRING);
      if (!strings.length) return [kind, splice(text, tok.start, tok.start, '"\\x" ')];
      const t = r.pick(strings);
      const at = r.range(t.start + 1, t.end - 1);
      return [kind, splice(text, at, at, r.pick(ESCAPE_DAMAGE))];
    }
    case 'damage-block-string': {
      const blocks = tokens.filter((t) => t.kind === TokenKind.BLOCK_STRING);
      if (!blocks.length) return [kind, splice(text, tok.start, tok.start, '"""\u0000""" ')];
      const t = r.pick(blocks);
      const at = r.range(t.start + 3, t.end - 3);
      return [kind, r.chance(0.3) ? text.slice(0, t.end - 1) : splice(text, at, at, r.pick(BLOCK_DAMAGE))];
    }
  }
}
