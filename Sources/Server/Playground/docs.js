// The docs explorer: the schema's types, fields, arguments, descriptions and deprecations,
// with links between types, a search over type and field names, and a button per field that
// inserts it into the editor.
import { namedType, typeString } from './schema.js';

export class DocsExplorer {
  /** `onInsert(fieldName)` inserts a field into the editor. */
  constructor(root, { onInsert }) {
    this.root = root;
    this.onInsert = onInsert;
    this.trail = [];
    root.classList.add('docs');
    this.header = document.createElement('div');
    this.header.className = 'docs-header';
    this.back = button('‹ Back', 'docs-back', () => this.goBack());
    this.title = document.createElement('h2');
    this.title.className = 'docs-title';
    this.title.tabIndex = -1;
    this.header.append(this.back, this.title);
    this.search = document.createElement('input');
    this.search.type = 'search';
    this.search.className = 'docs-search';
    this.search.placeholder = 'Search types and fields';
    this.search.setAttribute('aria-label', 'Search the schema');
    this.search.addEventListener('input', () => this.show(this.trail.length ? this.trail.at(-1) : null, false));
    this.content = document.createElement('div');
    this.content.className = 'docs-content';
    root.append(this.header, this.search, this.content);
  }

  setSchema(schema) { this.schema = schema; this.trail = []; this.show(null, false); }

  /** Opens a type by name (null for the index). */
  open(name) { this.search.value = ''; this.trail.push(name); this.show(name, true); }

  goBack() { this.trail.pop(); this.search.value = ''; this.show(this.trail.at(-1) ?? null, true); }

  show(name, focus) {
    const schema = this.schema;
    this.back.hidden = this.trail.length === 0;
    this.content.replaceChildren();
    if (!schema) { this.title.textContent = 'Docs'; this.content.append(paragraph('The schema has not loaded.', 'muted')); return; }
    const term = this.search.value.trim().toLowerCase();
    if (term) this.renderSearch(term);
    else if (name && schema.type(name)) this.renderType(schema.type(name));
    else this.renderIndex();
    if (focus) this.title.focus();
  }

  typeLink(ref) {
    const link = document.createElement('a');
    link.href = '#';
    link.className = 'type-link';
    link.textContent = typeString(ref);
    link.dataset.type = namedType(ref);
    link.addEventListener('click', (event) => { event.preventDefault(); this.open(namedType(ref)); });
    return link;
  }

  renderIndex() {
    const schema = this.schema;
    this.title.textContent = 'Schema';
    const roots = [['query', schema.queryType], ['mutation', schema.mutationType], ['subscription', schema.subscriptionType]].filter(([, n]) => n);
    const section = list('Root types');
    for (const [op, typeName] of roots) {
      const li = document.createElement('li');
      li.append(`${op}: `, this.typeLink({ name: typeName }));
      section.list.append(li);
    }
    const all = list('All types');
    for (const type of [...schema.types.values()].filter((t) => !t.name.startsWith('__')).sort((a, b) => a.name.localeCompare(b.name))) {
      const li = document.createElement('li');
      li.append(this.typeLink({ name: type.name }), span(` ${type.kind.toLowerCase().replace('_', ' ')}`, 'muted'));
      all.list.append(li);
    }
    this.content.append(section.root, all.root);
  }

  renderSearch(term) {
    this.title.textContent = `Search: ${term}`;
    const types = list('Types');
    const fields = list('Fields');
    for (const type of [...this.schema.types.values()].filter((t) => !t.name.startsWith('__')).sort((a, b) => a.name.localeCompare(b.name))) {
      if (type.name.toLowerCase().includes(term)) {
        const li = document.createElement('li');
        li.append(this.typeLink({ name: type.name }));
        types.list.append(li);
      }
      for (const field of type.fields ?? []) {
        if (!field.name.toLowerCase().includes(term)) continue;
        const li = document.createElement('li');
        li.append(this.typeLink({ name: type.name }), `.${field.name}: `, this.typeLink(field.type));
        fields.list.append(li);
      }
    }
    if (!types.list.children.length && !fields.list.children.length) this.content.append(paragraph('Nothing matches.', 'muted'));
    if (types.list.children.length) this.content.append(types.root);
    if (fields.list.children.length) this.content.append(fields.root);
  }

  renderType(type) {
    this.title.textContent = type.name;
    this.content.append(paragraph(type.kind.toLowerCase().replace('_', ' '), 'docs-kind'));
    if (type.description) this.content.append(paragraph(type.description, 'docs-description'));
    if (type.interfaces?.length) {
      const p = paragraph('Implements ', 'docs-implements');
      type.interfaces.forEach((i, k) => { if (k) p.append(', '); p.append(this.typeLink(i)); });
      this.content.append(p);
    }
    if (type.fields?.length) {
      const section = list('Fields');
      for (const field of type.fields) section.list.append(this.renderField(field, true));
      this.content.append(section.root);
    }
    if (type.inputFields?.length) {
      const section = list('Input fields');
      for (const field of type.inputFields) section.list.append(this.renderField(field, false));
      this.content.append(section.root);
    }
    if (type.enumValues?.length) {
      const section = list('Values');
      for (const value of type.enumValues) {
        const li = document.createElement('li');
        li.className = 'docs-field' + (value.isDeprecated ? ' deprecated' : '');
        li.append(span(value.name, 'field-name'));
        if (value.description) li.append(paragraph(value.description, 'docs-description'));
        if (value.isDeprecated) li.append(paragraph(`Deprecated: ${value.deprecationReason ?? 'no reason given'}`, 'docs-deprecation'));
        section.list.append(li);
      }
      this.content.append(section.root);
    }
    if (type.possibleTypes?.length) {
      const section = list(type.kind === 'UNION' ? 'Members' : 'Implementations');
      for (const t of type.possibleTypes) {
        const li = document.createElement('li');
        li.append(this.typeLink(t));
        section.list.append(li);
      }
      this.content.append(section.root);
    }
  }

  renderField(field, insertable) {
    const li = document.createElement('li');
    li.className = 'docs-field' + (field.isDeprecated ? ' deprecated' : '');
    li.dataset.field = field.name;
    const head = document.createElement('div');
    head.className = 'docs-field-head';
    head.append(span(field.name, 'field-name'));
    if (field.args?.length) {
      head.append('(');
      field.args.forEach((arg, k) => {
        if (k) head.append(', ');
        head.append(span(arg.name, 'arg-name'), ': ', this.typeLink(arg.type));
        if (arg.defaultValue != null) head.append(span(` = ${arg.defaultValue}`, 'muted'));
      });
      head.append(')');
    }
    head.append(': ', this.typeLink(field.type));
    if (insertable) {
      const insert = button('Insert', 'docs-insert', () => this.onInsert(field.name));
      insert.setAttribute('aria-label', `Insert field ${field.name}`);
      head.append(insert);
    }
    li.append(head);
    if (field.description) li.append(paragraph(field.description, 'docs-description'));
    if (field.isDeprecated) li.append(paragraph(`Deprecated: ${field.deprecationReason ?? 'no reason given'}`, 'docs-deprecation'));
    const described = (field.args ?? []).filter((a) => a.description);
    if (described.length) {
      const args = document.createElement('dl');
      args.className = 'docs-args';
      for (const arg of described) {
        const dt = document.createElement('dt');
        dt.textContent = arg.name;
        const dd = document.createElement('dd');
        dd.textContent = arg.description;
        args.append(dt, dd);
      }
      li.append(args);
    }
    return li;
  }
}

function button(text, className, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}
function span(text, className) { const s = document.createElement('span'); s.className = className; s.textContent = text; return s; }
function paragraph(text, className) { const p = document.createElement('p'); p.className = className; p.textContent = text; return p; }
function list(title) {
  const root = document.createElement('section');
  const h = document.createElement('h3');
  h.textContent = title;
  const ul = document.createElement('ul');
  root.append(h, ul);
  return { root, list: ul };
}
