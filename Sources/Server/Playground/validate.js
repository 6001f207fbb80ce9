// The playground's validator: a subset of the spec's rules, enough to underline the common
// mistakes as you type. The server runs them all; this subset never reports what it would not:
//
//   LoneAnonymousOperation, UniqueOperationNames, UniqueFragmentNames,
//   KnownTypeNames, FragmentsOnCompositeTypes, VariablesAreInputTypes,
//   FieldsOnCorrectType, ScalarLeafs, KnownArgumentNames, ProvidedRequiredArguments,
//   UniqueArgumentNames, KnownDirectives (names and locations), KnownFragmentNames, NoUnusedFragments,
//   NoFragmentCycles, UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables,
//   and enum literals and input-object fields that their type does not have.
// Not checked here (the server does): values of the wrong scalar type, variables used where
// their type is not allowed, overlapping fields that cannot merge, spreads that can never apply.
//
// Messages are graphql-js's. Each error carries `start`/`end` offsets of the node it is about.
import { isComposite, isInput, isLeaf, namedType, typeString } from './schema.js';

export function validate(document, schema) {
  const errors = [];
  const report = (message, node) => errors.push({ message, start: node.start, end: node.end });
  const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
  const fragments = new Map();

  // MARK: - Operations and fragments

  const operationNames = new Set();
  for (const op of operations) {
    if (!op.name && operations.length > 1) report('This anonymous operation must be the only defined operation.', op);
    if (op.name) {
      if (operationNames.has(op.name.value)) report(`There can be only one operation named "${op.name.value}".`, op.name);
      operationNames.add(op.name.value);
    }
  }
  for (const d of document.definitions) {
    if (d.kind !== 'FragmentDefinition') continue;
    if (fragments.has(d.name.value)) report(`There can be only one fragment named "${d.name.value}".`, d.name);
    else fragments.set(d.name.value, d);
  }

  // MARK: - Selections

  /** Spreads and variables used in each operation and fragment body, for the variable rules. */
  const usage = new Map();

  function checkDirectives(directives, info, location) {
    for (const directive of directives) {
      const definition = schema.directive(directive.name.value);
      if (!definition) { report(`Unknown directive "@${directive.name.value}".`, directive.name); continue; }
      if (!definition.locations.includes(location)) report(`Directive "@${directive.name.value}" may not be used on ${location}.`, directive);
      checkArguments(directive.arguments, definition.args, `directive "@${directive.name.value}"`, directive, info, true);
    }
  }

  function checkArguments(args, definitions, owner, node, info, isDirective) {
    const seen = new Set();
    for (const arg of args) {
      if (seen.has(arg.name.value)) report(`There can be only one argument named "${arg.name.value}".`, arg.name);
      seen.add(arg.name.value);
      const definition = definitions.find((a) => a.name === arg.name.value);
      if (!definition) {
        const hint = didYouMean(arg.name.value, definitions.map((a) => a.name));
        report(isDirective ? `Unknown argument "${arg.name.value}" on directive "${owner.slice(11, -1)}".${hint}`
          : `Unknown argument "${arg.name.value}" on field "${owner}".${hint}`, arg.name);
      } else checkValue(arg.value, definition.type, info);
      collectVariables(arg.value, info);
    }
    for (const definition of definitions) {
      if (definition.type.kind === 'NON_NULL' && definition.defaultValue == null && !seen.has(definition.name)) {
        const what = isDirective ? `Directive "${owner.slice(11, -1)}"` : `Field "${owner.split('.').pop()}"`;
        report(`${what} argument "${definition.name}" of type "${typeString(definition.type)}" is required, but it was not provided.`,
          isDirective ? node.name : node.name);
      }
    }
  }

  function checkValue(value, ref, info) {
    const type = schema.type(namedType(ref));
    if (!type) return;
    if (value.kind === 'ListValue') { for (const v of value.values) checkValue(v, ref, info); return; }
    if (value.kind === 'EnumValue' && type.kind === 'ENUM' && !type.enumValues.some((e) => e.name === value.value)) {
      report(`Value "${value.value}" does not exist in "${type.name}" enum.${didYouMean(value.value, type.enumValues.map((e) => e.name), 'the enum value ')}`, value);
    }
    if (value.kind === 'ObjectValue' && type.kind === 'INPUT_OBJECT') {
      for (const field of value.fields) {
        const definition = type.inputFields.find((f) => f.name === field.name.value);
        if (!definition) {
          report(`Field "${field.name.value}" is not defined by type "${type.name}".${didYouMean(field.name.value, type.inputFields.map((f) => f.name))}`, field.name);
        }
        else checkValue(field.value, definition.type, info);
      }
    }
  }

  function collectVariables(value, info) {
    if (value.kind === 'Variable') info.variables.push(value);
    else if (value.kind === 'ListValue') value.values.forEach((v) => collectVariables(v, info));
    else if (value.kind === 'ObjectValue') value.fields.forEach((f) => collectVariables(f.value, info));
  }

  function checkSelectionSet(selectionSet, typeName, info) {
    for (const selection of selectionSet.selections) {
      checkDirectives(selection.directives, info,
        { Field: 'FIELD', FragmentSpread: 'FRAGMENT_SPREAD', InlineFragment: 'INLINE_FRAGMENT' }[selection.kind]);
      if (selection.kind === 'Field') checkField(selection, typeName, info);
      else if (selection.kind === 'FragmentSpread') {
        info.spreads.push(selection.name.value);
        if (!fragments.has(selection.name.value)) report(`Unknown fragment "${selection.name.value}".`, selection.name);
      } else {
        let inner = typeName;
        if (selection.typeCondition) {
          inner = selection.typeCondition.name.value;
          const type = schema.type(inner);
          if (!type) { report(`Unknown type "${inner}".${didYouMean(inner, [...schema.types.keys()])}`, selection.typeCondition); inner = null; }
          else if (!isComposite(type)) {
            report(`Fragment cannot condition on non composite type "${inner}".`, selection.typeCondition);
            inner = null;
          }
        }
        checkSelectionSet(selection.selectionSet, inner, info);
      }
    }
  }

  function checkField(field, parentName, info) {
    const name = field.name.value;
    const definition = parentName ? schema.field(parentName, name) : null;
    if (parentName && !definition) {
      const names = schema.fields(parentName).map((f) => f.name).filter((n) => !n.startsWith('__'));
      report(`Cannot query field "${name}" on type "${parentName}".${didYouMean(name, names)}`, field.name);
    }
    if (!definition) {
      for (const arg of field.arguments) collectVariables(arg.value, info);
      if (field.selectionSet) checkSelectionSet(field.selectionSet, null, info);
      return;
    }
    checkArguments(field.arguments, definition.args, `${parentName}.${name}`, field, info, false);
    const type = schema.type(namedType(definition.type));
    if (isLeaf(type) && field.selectionSet) {
      report(`Field "${name}" must not have a selection since type "${typeString(definition.type)}" has no subfields.`, field.selectionSet);
    } else if (isComposite(type) && !field.selectionSet) {
      report(`Field "${name}" of type "${typeString(definition.type)}" must have a selection of subfields. Did you mean "${name} { ... }"?`, field.name);
    }
    if (field.selectionSet) checkSelectionSet(field.selectionSet, isComposite(type) ? type.name : null, info);
  }

  function checkTypeReference(ref) {
    let node = ref;
    while (node.kind !== 'NamedType') node = node.type;
    const type = schema.type(node.name.value);
    if (!type) { report(`Unknown type "${node.name.value}".${didYouMean(node.name.value, [...schema.types.keys()])}`, node); return null; }
    return type;
  }

  for (const definition of document.definitions) {
    const info = { spreads: [], variables: [] };
    usage.set(definition, info);
    checkDirectives(definition.directives, info,
      definition.kind === 'OperationDefinition' ? definition.operation.toUpperCase() : 'FRAGMENT_DEFINITION');
    if (definition.kind === 'OperationDefinition') {
      const root = schema.rootType(definition.operation);
      const names = new Set();
      for (const v of definition.variableDefinitions) {
        const name = v.variable.name.value;
        if (names.has(name)) report(`There can be only one variable named "$${name}".`, v.variable);
        names.add(name);
        const type = checkTypeReference(v.type);
        if (type && !isInput(type)) {
          report(`Variable "$${name}" cannot be non-input type "${printTypeNode(v.type)}".`, v.type);
        }
        checkDirectives(v.directives, info, 'VARIABLE_DEFINITION');
        if (v.defaultValue) checkValue(v.defaultValue, { kind: 'NAMED', name: type?.name }, info);
      }
      checkSelectionSet(definition.selectionSet, root ?? null, info);
    } else {
      const type = checkTypeReference(definition.typeCondition);
      let typeName = type?.name ?? null;
      if (type && !isComposite(type)) {
        report(`Fragment "${definition.name.value}" cannot condition on non composite type "${type.name}".`, definition.typeCondition);
        typeName = null;
      }
      checkSelectionSet(definition.selectionSet, typeName, info);
    }
  }

  // MARK: - Fragments and variables, across spreads

  const reachable = (definition) => {
    const seen = new Set();
    const stack = [...usage.get(definition).spreads];
    while (stack.length) {
      const name = stack.pop();
      if (seen.has(name) || !fragments.has(name)) continue;
      seen.add(name);
      stack.push(...usage.get(fragments.get(name)).spreads);
    }
    return seen;
  };
  const used = new Set();
  for (const op of operations) for (const name of reachable(op)) used.add(name);
  for (const [name, fragment] of fragments) {
    if (!used.has(name)) report(`Fragment "${name}" is never used.`, fragment);
    if (reachable(fragment).has(name)) report(`Cannot spread fragment "${name}" within itself.`, fragment.name);
  }
  for (const op of operations) {
    const defined = new Set(op.variableDefinitions.map((v) => v.variable.name.value));
    const variables = [...usage.get(op).variables];
    for (const name of reachable(op)) variables.push(...usage.get(fragments.get(name)).variables);
    const opName = op.name ? ` by operation "${op.name.value}"` : '';
    const reported = new Set();
    for (const v of variables) {
      const name = v.name.value;
      if (!defined.has(name) && !reported.has(v)) {
        reported.add(v);
        report(`Variable "$${name}" is not defined${opName}.`, v);
      }
    }
    const usedNames = new Set(variables.map((v) => v.name.value));
    for (const v of op.variableDefinitions) {
      if (!usedNames.has(v.variable.name.value)) {
        report(`Variable "$${v.variable.name.value}" is never used${op.name ? ` in operation "${op.name.value}"` : ''}.`, v);
      }
    }
  }
  return errors.sort((a, b) => a.start - b.start);
}

function printTypeNode(node) {
  if (node.kind === 'NonNullType') return printTypeNode(node.type) + '!';
  if (node.kind === 'ListType') return `[${printTypeNode(node.type)}]`;
  return node.name.value;
}

/** " Did you mean …?" with up to five names close to `input` (graphql-js's suggestion list). */
function didYouMean(input, options, what = '') {
  const threshold = Math.floor(input.length * 0.4) + 1;
  const lower = input.toLowerCase();
  const scored = [];
  for (const option of options) {
    const distance = option === input ? 0 : option.toLowerCase() === lower ? 1
      : Math.abs(option.length - input.length) > threshold ? Infinity : osaDistance(lower, option.toLowerCase());
    if (distance <= threshold) scored.push([distance, option]);
  }
  scored.sort((a, b) => a[0] - b[0] || naturalCompare(a[1], b[1]));
  const names = scored.slice(0, 5).map(([, n]) => `"${n}"`);
  if (!names.length) return '';
  if (names.length === 1) return ` Did you mean ${what}${names[0]}?`;
  if (names.length === 2) return ` Did you mean ${what}${names[0]} or ${names[1]}?`;
  return ` Did you mean ${what}${names.slice(0, -1).join(', ')}, or ${names[names.length - 1]}?`;
}

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits). */
function osaDistance(a, b) {
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) { rows[0][j] = j; continue; }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/** graphql-js's natural order: digit runs compare as numbers. */
function naturalCompare(a, b) {
  return a.localeCompare(b, 'en', { numeric: true });
}
