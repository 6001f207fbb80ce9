// The GraphQL parser for executable documents (https://spec.graphql.org/October2021/#sec-Document),
// producing graphql-js-shaped nodes, each with `start` and `end` offsets into the source.
import { lex } from './lexer.js';

export class SyntaxError extends Error {
  constructor(message, start, end) { super(message); this.start = start; this.end = end; }
}

/** Parses `source`; throws SyntaxError (with offsets) at the first error. */
export function parse(source) {
  return new Parser(source).parseDocument();
}

const describe = (t) => !t ? '<EOF>' : t.kind === 'Punctuator' ? `"${t.value}"`
  : t.kind === 'Name' ? `Name "${t.value}"` : t.kind === 'Int' || t.kind === 'Float' ? `${t.kind} "${t.value}"` : t.kind;

class Parser {
  constructor(source) {
    this.source = source;
    this.tokens = lex(source).filter((t) => t.kind !== 'Comment');
    this.index = 0;
    const bad = this.tokens.find((t) => t.kind === 'Invalid');
    if (bad) this.invalid = bad;
  }
  peek(offset = 0) { return this.tokens[this.index + offset]; }
  fail(token, message) {
    const at = token ? token : { start: this.source.length, end: this.source.length };
    if (token && token.kind === 'Invalid') {
      const where = token.at ?? token.start;
      throw new SyntaxError(`Syntax Error: ${token.message}`, where, Math.max(token.end, where + 1));
    }
    throw new SyntaxError(`Syntax Error: ${message ?? `Unexpected ${describe(token)}.`}`, at.start, Math.max(at.end, at.start + 1));
  }
  is(value, t = this.peek()) { return t && t.kind === 'Punctuator' && t.value === value; }
  isKeyword(value, t = this.peek()) { return t && t.kind === 'Name' && t.value === value; }
  expect(value) {
    const t = this.peek();
    if (!this.is(value, t)) this.fail(t, `Expected "${value}", found ${describe(t)}.`);
    this.index++;
    return t;
  }
  skip(value) { if (this.is(value)) { this.index++; return true; } return false; }
  expectKeyword(value) {
    const t = this.peek();
    if (!this.isKeyword(value, t)) this.fail(t, `Expected "${value}", found ${describe(t)}.`);
    this.index++;
  }
  get lastEnd() { return this.index > 0 ? this.tokens[this.index - 1].end : 0; }

  // MARK: - Document

  /** Document : Definition+ */
  parseDocument() {
    const definitions = [];
    do definitions.push(this.parseDefinition()); while (this.peek());
    return { kind: 'Document', definitions, start: 0, end: this.source.length };
  }

  /** ExecutableDefinition : OperationDefinition | FragmentDefinition */
  parseDefinition() {
    const t = this.peek();
    if (this.is('{')) {
      const selectionSet = this.parseSelectionSet();
      return { kind: 'OperationDefinition', operation: 'query', name: null, variableDefinitions: [], directives: [],
        selectionSet, start: t.start, end: this.lastEnd };
    }
    if (t && t.kind === 'Name') {
      if (['query', 'mutation', 'subscription'].includes(t.value)) return this.parseOperationDefinition();
      if (t.value === 'fragment') return this.parseFragmentDefinition();
    }
    this.fail(t, t ? undefined : 'Unexpected <EOF>.');
  }

  /** OperationDefinition : OperationType Name? VariableDefinitions? Directives? SelectionSet */
  parseOperationDefinition() {
    const t = this.peek();
    this.index++;
    const name = this.peek() && this.peek().kind === 'Name' ? this.parseName() : null;
    const variableDefinitions = this.is('(') ? this.many('(', () => this.parseVariableDefinition(), ')') : [];
    const directives = this.parseDirectives(false);
    const selectionSet = this.parseSelectionSet();
    return { kind: 'OperationDefinition', operation: t.value, name, variableDefinitions, directives, selectionSet,
      start: t.start, end: this.lastEnd };
  }

  /** VariableDefinition : Variable : Type DefaultValue? Directives[Const]? */
  parseVariableDefinition() {
    const start = this.peek()?.start;
    const variable = this.parseVariable();
    this.expect(':');
    const type = this.parseType();
    const defaultValue = this.skip('=') ? this.parseValue(true) : null;
    const directives = this.parseDirectives(true);
    return { kind: 'VariableDefinition', variable, type, defaultValue, directives, start, end: this.lastEnd };
  }

  /** Variable : $ Name */
  parseVariable() {
    const start = this.expect('$').start;
    const name = this.parseName();
    return { kind: 'Variable', name, start, end: this.lastEnd };
  }

  /** SelectionSet : { Selection+ } */
  parseSelectionSet() {
    const start = this.peek()?.start;
    const selections = this.many('{', () => this.parseSelection(), '}');
    return { kind: 'SelectionSet', selections, start, end: this.lastEnd };
  }

  /** Selection : Field | FragmentSpread | InlineFragment */
  parseSelection() {
    return this.is('...') ? this.parseFragment() : this.parseField();
  }

  /** Field : Alias? Name Arguments? Directives? SelectionSet? */
  parseField() {
    const start = this.peek()?.start;
    let alias = null;
    let name = this.parseName();
    if (this.skip(':')) { alias = name; name = this.parseName(); }
    const args = this.parseArguments(false);
    const directives = this.parseDirectives(false);
    const selectionSet = this.is('{') ? this.parseSelectionSet() : null;
    return { kind: 'Field', alias, name, arguments: args, directives, selectionSet, start, end: this.lastEnd };
  }

  /** Arguments : ( Argument+ ) ; Argument : Name : Value */
  parseArguments(isConst) {
    if (!this.is('(')) return [];
    return this.many('(', () => {
      const start = this.peek()?.start;
      const name = this.parseName();
      this.expect(':');
      return { kind: 'Argument', name, value: this.parseValue(isConst), start, end: this.lastEnd };
    }, ')');
  }

  /** FragmentSpread : ... FragmentName Directives? ; InlineFragment : ... TypeCondition? Directives? SelectionSet */
  parseFragment() {
    const start = this.expect('...').start;
    const hasTypeCondition = this.isKeyword('on');
    if (!hasTypeCondition && this.peek()?.kind === 'Name') {
      const name = this.parseName();
      return { kind: 'FragmentSpread', name, directives: this.parseDirectives(false), start, end: this.lastEnd };
    }
    let typeCondition = null;
    if (hasTypeCondition) { this.index++; typeCondition = this.parseNamedType(); }
    const directives = this.parseDirectives(false);
    const selectionSet = this.parseSelectionSet();
    return { kind: 'InlineFragment', typeCondition, directives, selectionSet, start, end: this.lastEnd };
  }

  /** FragmentDefinition : fragment FragmentName TypeCondition Directives? SelectionSet */
  parseFragmentDefinition() {
    const start = this.peek().start;
    this.index++;
    if (this.isKeyword('on')) this.fail(this.peek());
    const name = this.parseName();
    this.expectKeyword('on');
    const typeCondition = this.parseNamedType();
    const directives = this.parseDirectives(false);
    const selectionSet = this.parseSelectionSet();
    return { kind: 'FragmentDefinition', name, typeCondition, directives, selectionSet, start, end: this.lastEnd };
  }

  // MARK: - Values

  /** Value[Const] : Variable | IntValue | FloatValue | StringValue | BooleanValue | NullValue | EnumValue | ListValue | ObjectValue */
  parseValue(isConst) {
    const t = this.peek();
    if (!t) this.fail(t);
    const node = (kind, extra) => { this.index++; return { kind, ...extra, start: t.start, end: t.end }; };
    if (this.is('[')) {
      const values = this.any('[', () => this.parseValue(isConst), ']');
      return { kind: 'ListValue', values, start: t.start, end: this.lastEnd };
    }
    if (this.is('{')) {
      const fields = this.any('{', () => {
        const start = this.peek()?.start;
        const name = this.parseName();
        this.expect(':');
        return { kind: 'ObjectField', name, value: this.parseValue(isConst), start, end: this.lastEnd };
      }, '}');
      return { kind: 'ObjectValue', fields, start: t.start, end: this.lastEnd };
    }
    if (this.is('$') && !isConst) return this.parseVariable();
    switch (t.kind) {
      case 'Int': return node('IntValue', { value: t.value });
      case 'Float': return node('FloatValue', { value: t.value });
      case 'String': return node('StringValue', { value: t.value, block: false });
      case 'BlockString': return node('StringValue', { value: t.value, block: true });
      case 'Name':
        if (t.value === 'true' || t.value === 'false') return node('BooleanValue', { value: t.value === 'true' });
        if (t.value === 'null') return node('NullValue', {});
        return node('EnumValue', { value: t.value });
    }
    this.fail(t);
  }

  /** Directives : Directive+ ; Directive : @ Name Arguments? */
  parseDirectives(isConst) {
    const directives = [];
    while (this.is('@')) {
      const start = this.peek().start;
      this.index++;
      const name = this.parseName();
      directives.push({ kind: 'Directive', name, arguments: this.parseArguments(isConst), start, end: this.lastEnd });
    }
    return directives;
  }

  /** Type : NamedType | ListType | NonNullType */
  parseType() {
    const start = this.peek()?.start;
    let type;
    if (this.skip('[')) {
      const inner = this.parseType();
      this.expect(']');
      type = { kind: 'ListType', type: inner, start, end: this.lastEnd };
    } else {
      type = this.parseNamedType();
    }
    if (this.skip('!')) return { kind: 'NonNullType', type, start, end: this.lastEnd };
    return type;
  }

  parseNamedType() {
    const name = this.parseName();
    return { kind: 'NamedType', name, start: name.start, end: name.end };
  }

  parseName() {
    const t = this.peek();
    if (!t || t.kind !== 'Name') this.fail(t, `Expected Name, found ${describe(t)}.`);
    this.index++;
    return { kind: 'Name', value: t.value, start: t.start, end: t.end };
  }

  /** One or more items between `open` and `close`. */
  many(open, item, close) {
    this.expect(open);
    const items = [];
    do items.push(item()); while (!this.skip(close));
    return items;
  }

  /** Zero or more items between `open` and `close`. */
  any(open, item, close) {
    this.expect(open);
    const items = [];
    while (!this.skip(close)) items.push(item());
    return items;
  }
}
