// Prints a parsed document in canonical form (the layout of graphql-js `print`): prettify.

/** The canonical text of `node`. Comments are not part of the AST, so they are not kept. */
export function print(node) {
  switch (node.kind) {
    case 'Document': return node.definitions.map(print).join('\n\n');
    case 'OperationDefinition': {
      const vars = node.variableDefinitions.length ? `(${node.variableDefinitions.map(print).join(', ')})` : '';
      const head = join([node.operation, join([node.name?.value ?? '', vars], ''), directives(node)], ' ');
      return head === 'query' && !node.name && !vars ? print(node.selectionSet) : `${head} ${print(node.selectionSet)}`;
    }
    case 'VariableDefinition':
      return `${print(node.variable)}: ${print(node.type)}${node.defaultValue ? ` = ${print(node.defaultValue)}` : ''}`
        + (node.directives.length ? ' ' + directives(node) : '');
    case 'Variable': return '$' + node.name.value;
    case 'SelectionSet': return block(node.selections.map(print));
    case 'Field': {
      const prefix = (node.alias ? node.alias.value + ': ' : '') + node.name.value;
      let args = node.arguments.length ? `(${node.arguments.map(print).join(', ')})` : '';
      if ((prefix + args).length > 80) args = `(\n${indent(node.arguments.map(print).join('\n'))}\n)`;
      return join([prefix + args, directives(node), node.selectionSet ? print(node.selectionSet) : ''], ' ');
    }
    case 'Argument': case 'ObjectField': return `${node.name.value}: ${print(node.value)}`;
    case 'FragmentSpread': return join(['...' + node.name.value, directives(node)], ' ');
    case 'InlineFragment':
      return join(['...', node.typeCondition ? 'on ' + node.typeCondition.name.value : '', directives(node),
        print(node.selectionSet)], ' ');
    case 'FragmentDefinition':
      return join([`fragment ${node.name.value} on ${node.typeCondition.name.value}`, directives(node),
        print(node.selectionSet)], ' ');
    case 'IntValue': case 'FloatValue': return node.value;
    case 'StringValue':
      return node.block ? `"""\n${node.value.replace(/"""/g, '\\"""')}\n"""` : JSON.stringify(node.value);
    case 'BooleanValue': return String(node.value);
    case 'NullValue': return 'null';
    case 'EnumValue': return node.value;
    case 'ListValue': return `[${node.values.map(print).join(', ')}]`;
    case 'ObjectValue': return node.fields.length ? `{ ${node.fields.map(print).join(', ')} }` : '{}';
    case 'Directive':
      return '@' + node.name.value + (node.arguments.length ? `(${node.arguments.map(print).join(', ')})` : '');
    case 'NamedType': return node.name.value;
    case 'ListType': return `[${print(node.type)}]`;
    case 'NonNullType': return print(node.type) + '!';
  }
  return '';
}

const directives = (node) => node.directives.map(print).join(' ');
const join = (parts, separator) => parts.filter((p) => p).join(separator);
const indent = (text) => text.replace(/^/gm, '  ');
const block = (items) => (items.length ? `{\n${indent(items.join('\n'))}\n}` : '');
