// A stand-in for Anki with the AnkiConnect add-on, on 127.0.0.1 only: API version 6 over HTTP POST, the
// actions `push` uses, an in-memory collection, and AnkiConnect's own rules where they matter (the API key
// checked on every action, inner `multi` actions included; duplicates by first field within a note type;
// Anki's search syntax with `*` and `_` wildcards and backslash escapes; both addNotes failure behaviours).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnkiOptions {
  key?: string;
  /** `null`: old AnkiConnect, a failed note is null in the result. `error`: newer, the call errors. */
  addNotes?: 'null' | 'error';
  /** Answer this action with an error, as the add-on does when Anki raises. */
  failAction?: string;
  version?: number;
  permission?: 'granted' | 'denied';
  /** An AnkiConnect too old to have modelTemplateAdd. */
  noTemplateAdd?: boolean;
}

export interface FakeNote {
  id: number;
  modelName: string;
  deckName: string;
  fields: Record<string, string>;
  tags: string[];
}

export interface FakeModel {
  fields: string[];
  css: string;
  templates: { Name: string; Front: string; Back: string }[];
}

type Params = Record<string, unknown>;

class ActionError extends Error {}

function unescapeSearch(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Anki's search value → RegExp: `*` any run, `_` one character, `\x` the character x itself. */
function valuePattern(value: string): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      source += value[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (ch === '*') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

/** `"note:X" "Key:Y"` → terms; only the forms AnkiConnect clients send for exact lookups. */
function parseQuery(query: string): { field: string; pattern: RegExp }[] {
  const terms: { field: string; pattern: RegExp }[] = [];
  const tokens = query.match(/"(?:\\.|[^"\\])*"|\S+/g) ?? [];
  for (const raw of tokens) {
    const token = raw.startsWith('"') ? raw.slice(1, -1) : raw;
    let colon = -1;
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '\\') i++;
      else if (token[i] === ':') {
        colon = i;
        break;
      }
    }
    if (colon < 0) throw new ActionError(`fake: unsupported search term ${raw}`);
    terms.push({ field: unescapeSearch(token.slice(0, colon)), pattern: valuePattern(token.slice(colon + 1)) });
  }
  return terms;
}

export class FakeAnki {
  readonly decks = new Set<string>(['Default']);
  readonly models = new Map<string, FakeModel>();
  readonly notes = new Map<number, FakeNote>();
  /** Every action handled, inner multi actions included, in order. */
  readonly log: string[] = [];
  requests = 0;
  private nextId = 1_700_000_000_000;
  private server: Server | undefined;
  url = '';

  constructor(readonly options: FakeAnkiOptions = {}) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Adds a note directly, as if the user had made it in Anki. */
  seed(note: Omit<FakeNote, 'id'>): number {
    const id = this.nextId++;
    this.notes.set(id, { ...note, id });
    return id;
  }

  notesOf(modelName: string): FakeNote[] {
    return [...this.notes.values()].filter((n) => n.modelName === modelName);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    let body = '';
    for await (const chunk of req) body += String(chunk);
    let answer: unknown;
    try {
      const request = JSON.parse(body) as { action?: string; version?: number; params?: Params; key?: string };
      answer = this.handle(request);
    } catch (error) {
      answer = { result: null, error: error instanceof Error ? error.message : String(error) };
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  private handle(request: { action?: string; version?: number; params?: Params; key?: string }): unknown {
    const action = request.action ?? '';
    try {
      if (request.version !== 6) throw new ActionError('fake: only version 6 is spoken here');
      if (this.options.key !== undefined && request.key !== this.options.key && action !== 'requestPermission') {
        throw new ActionError('valid api key must be provided');
      }
      this.log.push(action);
      if (this.options.failAction === action) throw new ActionError(`simulated failure in ${action}`);
      return { result: this.dispatch(action, request.params ?? {}), error: null };
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      return { result: null, error: error.message };
    }
  }

  private dispatch(action: string, params: Params): unknown {
    switch (action) {
      case 'requestPermission':
        return this.options.permission === 'denied'
          ? { permission: 'denied' }
          : { permission: 'granted', requireApikey: this.options.key !== undefined, version: this.options.version ?? 6 };
      case 'version':
        return this.options.version ?? 6;
      case 'multi': {
        const actions = params['actions'] as { action?: string; version?: number; params?: Params; key?: string }[];
        return actions.map((inner) => this.handle(inner));
      }
      case 'deckNames':
        return [...this.decks];
      case 'createDeck': {
        const deck = String(params['deck']);
        const parts = deck.split('::');
        for (let i = 1; i <= parts.length; i++) this.decks.add(parts.slice(0, i).join('::'));
        return this.nextId++;
      }
      case 'modelNames':
        return [...this.models.keys()];
      case 'modelFieldNames': {
        const model = this.models.get(String(params['modelName']));
        if (!model) throw new ActionError(`model was not found: ${String(params['modelName'])}`);
        return model.fields;
      }
      case 'modelTemplates': {
        const model = this.models.get(String(params['modelName']));
        if (!model) throw new ActionError(`model was not found: ${String(params['modelName'])}`);
        return Object.fromEntries(model.templates.map((t) => [t.Name, { Front: t.Front, Back: t.Back }]));
      }
      case 'modelTemplateAdd': {
        if (this.options.noTemplateAdd) throw new ActionError('unsupported action');
        const model = this.models.get(String(params['modelName']));
        if (!model) throw new ActionError(`model was not found: ${String(params['modelName'])}`);
        const template = params['template'] as FakeModel['templates'][number];
        if (model.templates.some((t) => t.Name === template.Name)) throw new ActionError('Template name already exists');
        model.templates.push(template);
        return null;
      }
      case 'createModel': {
        const name = String(params['modelName']);
        if (this.models.has(name)) throw new ActionError('Model name already exists');
        const fields = params['inOrderFields'] as string[];
        const templates = params['cardTemplates'] as FakeModel['templates'];
        if (!Array.isArray(fields) || fields.length === 0) throw new ActionError('Must provide at least one field for inOrderFields');
        if (!Array.isArray(templates) || templates.length === 0) throw new ActionError('Must provide at least one card for cardTemplates');
        for (const t of templates) {
          if (typeof t.Front !== 'string' || typeof t.Back !== 'string') throw new ActionError('Must provide Front and Back');
        }
        this.models.set(name, { fields, css: String(params['css'] ?? ''), templates });
        return { name, id: this.nextId++ };
      }
      case 'findNotes':
        return this.find(String(params['query']));
      case 'notesInfo':
        return (params['notes'] as number[]).map((id) => {
          const note = this.notes.get(id);
          if (!note) return {};
          const model = this.models.get(note.modelName);
          const names = model?.fields ?? Object.keys(note.fields);
          return {
            noteId: id,
            modelName: note.modelName,
            tags: [...note.tags],
            fields: Object.fromEntries(names.map((name, order) => [name, { value: note.fields[name] ?? '', order }])),
            cards: [],
          };
        });
      case 'updateNoteFields': {
        const { id, fields } = params['note'] as { id: number; fields: Record<string, string> };
        const note = this.notes.get(id);
        if (!note) throw new ActionError(`Note was not found: ${id}`);
        for (const [name, value] of Object.entries(fields)) {
          if (!(name in note.fields)) throw new ActionError(`fake: no field ${name}`);
          note.fields[name] = value;
        }
        return null;
      }
      case 'addTags': {
        for (const id of params['notes'] as number[]) {
          const note = this.notes.get(id);
          if (!note) continue;
          for (const tag of String(params['tags']).split(/\s+/).filter(Boolean)) {
            if (!note.tags.includes(tag)) note.tags.push(tag);
          }
        }
        return null;
      }
      case 'addNote':
        return this.addNote(params['note'] as Params);
      case 'addNotes': {
        const notes = params['notes'] as Params[];
        const results: (number | null)[] = [];
        const errors: string[] = [];
        for (const note of notes) {
          try {
            results.push(this.addNote(note));
          } catch (error) {
            if (!(error instanceof ActionError)) throw error;
            results.push(null);
            errors.push(error.message);
          }
        }
        if (errors.length > 0 && this.options.addNotes === 'error') throw new ActionError(JSON.stringify(errors));
        return results;
      }
      default:
        throw new ActionError('unsupported action');
    }
  }

  private find(query: string): number[] {
    const terms = parseQuery(query);
    return [...this.notes.values()]
      .filter((note) =>
        terms.every(({ field, pattern }) =>
          field.toLowerCase() === 'note' ? pattern.test(note.modelName) : pattern.test(note.fields[field] ?? '\u0000'),
        ),
      )
      .map((note) => note.id);
  }

  private addNote(note: Params): number {
    const deckName = String(note['deckName']);
    const modelName = String(note['modelName']);
    const model = this.models.get(modelName);
    if (!this.decks.has(deckName)) throw new ActionError(`deck was not found: ${deckName}`);
    if (!model) throw new ActionError(`model was not found: ${modelName}`);
    const given = note['fields'] as Record<string, string>;
    for (const name of Object.keys(given)) {
      if (!model.fields.includes(name)) throw new ActionError(`fake: no field ${name}`);
    }
    const fields = Object.fromEntries(model.fields.map((name) => [name, given[name] ?? '']));
    const first = fields[model.fields[0]!] ?? '';
    if (first.trim() === '') throw new ActionError('cannot create note because it is empty');
    const options = (note['options'] ?? {}) as { allowDuplicate?: boolean };
    if (options.allowDuplicate !== true && this.notesOf(modelName).some((n) => n.fields[model.fields[0]!] === first)) {
      throw new ActionError('cannot create note because it is a duplicate');
    }
    const id = this.nextId++;
    this.notes.set(id, { id, modelName, deckName, fields, tags: [...((note['tags'] as string[]) ?? [])] });
    return id;
  }
}
