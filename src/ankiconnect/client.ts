// A minimal AnkiConnect client: API version 6 over HTTP POST, one request per call or a `multi` batch.
// Every failure becomes an AnkiConnectError with one line a user can act on.
import { EXIT, UsageError, UserError } from '../cli/errors.js';

export const DEFAULT_ANKICONNECT_URL = 'http://127.0.0.1:8765';
export const API_VERSION = 6;

/** The add-on's error text (Anki's exception message, possibly several lines) as one line. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * The most an answer may hold. AnkiConnect's largest (notesInfo of a big collection) are tens of MB; a
 * server that streams without end (a wrong --url) would otherwise grow the process until it is killed.
 */
const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(2))} MB`;
}

/** The answer's body as text, or undefined when it is longer than `limit` bytes; '' when it fails. */
async function answerText(response: Response, limit: number): Promise<string | undefined> {
  const body = response.body;
  if (body === null) return '';
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await body.cancel().catch(() => undefined);
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // Leaving the loop early cancels the body.
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > limit) return undefined;
      chunks.push(chunk);
    }
  } catch {
    return '';
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** AnkiConnect could not be reached, refused a request, or answered something unusable. */
export class AnkiConnectError extends UserError {
  constructor(
    message: string,
    /** The action that failed, when the failure belongs to one. */
    readonly action?: string,
  ) {
    super(message, EXIT.output);
  }
}

export interface AnkiAction {
  action: string;
  params?: Record<string, unknown>;
}

export interface ClientOptions {
  url: string;
  key?: string;
  fetch?: typeof fetch;
  /** Per request; requestPermission may wait for the user to click a dialog in Anki, so keep it long. */
  timeoutMs?: number;
  /** The longest answer read (MAX_ANSWER_BYTES unless a test sets it). */
  maxAnswerBytes?: number;
}

interface Envelope {
  result: unknown;
  error: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'result' in value && 'error' in value;
}

function networkProblem(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  return undefined;
}

export class AnkiConnectClient {
  readonly url: string;
  private readonly key: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;

  constructor(options: ClientOptions) {
    let parsed: URL;
    try {
      parsed = new URL(options.url);
    } catch {
      throw new UsageError(`--url: '${options.url}' is not a URL (e.g. ${DEFAULT_ANKICONNECT_URL})`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new UsageError(`--url: '${options.url}' must start with http:// or https://`);
    }
    this.url = options.url;
    this.key = options.key;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.maxAnswerBytes = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  }

  private request(action: string, params: Record<string, unknown> | undefined): Record<string, unknown> {
    const body: Record<string, unknown> = { action, version: API_VERSION };
    if (params !== undefined) body['params'] = params;
    if (this.key !== undefined) body['key'] = this.key;
    return body;
  }

  private async post(action: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const problem = networkProblem(error);
      if (problem === 'timed out') {
        // Connected, but no answer: Anki is busy, or waits for someone to allow this tool in its dialog.
        throw new AnkiConnectError(
          `AnkiConnect at ${this.url} did not answer ${action} within ${this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`} — is Anki busy, or waiting in a dialog for you to allow access?`,
          action,
        );
      }
      const detail = problem === undefined || problem === 'ECONNREFUSED' ? '' : ` (${problem})`;
      throw new AnkiConnectError(
        `cannot reach AnkiConnect at ${this.url}${detail} — is Anki running with the AnkiConnect add-on?`,
        action,
      );
    }
    const text = await answerText(response, this.maxAnswerBytes);
    if (text === undefined) {
      throw new AnkiConnectError(`${this.url} answered ${action} with more than ${megabytes(this.maxAnswerBytes)} — not AnkiConnect`, action);
    }
    if (!response.ok) {
      throw new AnkiConnectError(`AnkiConnect at ${this.url} answered HTTP ${response.status} to ${action}`, action);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new AnkiConnectError(`${this.url} did not answer ${action} like AnkiConnect (not JSON)`, action);
    }
  }

  /** One action; its `error` becomes an AnkiConnectError naming the action. */
  async invoke<T>(action: string, params?: Record<string, unknown>): Promise<T> {
    const answer = await this.post(action, this.request(action, params));
    if (!isEnvelope(answer)) {
      throw new AnkiConnectError(`${this.url} did not answer ${action} like AnkiConnect version ${API_VERSION}`, action);
    }
    if (answer.error !== null && answer.error !== undefined) {
      throw new AnkiConnectError(`AnkiConnect ${action} failed: ${oneLine(String(answer.error))}`, action);
    }
    return answer.result as T;
  }

  /**
   * Several actions in one request. Each inner action carries the version (so each answer is a
   * `{result, error}` envelope) and the key (AnkiConnect checks it per inner action too).
   * Returns the envelopes; the caller decides what an inner error means.
   */
  async multi(actions: readonly AnkiAction[]): Promise<Envelope[]> {
    if (actions.length === 0) return [];
    const inner = actions.map((a) => this.request(a.action, a.params));
    const results = await this.invoke<unknown>('multi', { actions: inner });
    if (!Array.isArray(results) || results.length !== actions.length || !results.every(isEnvelope)) {
      throw new AnkiConnectError(`${this.url} answered multi with something other than one result per action`, 'multi');
    }
    return results;
  }

  /** Like multi, but any inner error fails the whole call with the inner action's name. */
  async multiStrict<T>(actions: readonly AnkiAction[]): Promise<T[]> {
    const envelopes = await this.multi(actions);
    return envelopes.map((envelope, i) => {
      if (envelope.error !== null && envelope.error !== undefined) {
        const action = actions[i]?.action ?? 'multi';
        throw new AnkiConnectError(`AnkiConnect ${action} failed: ${oneLine(String(envelope.error))}`, action);
      }
      return envelope.result as T;
    });
  }
}
