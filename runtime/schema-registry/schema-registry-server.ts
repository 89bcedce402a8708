import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SchemaRegistryError,
  parseCompatibilityLevel,
  type SchemaRegistry,
} from '../../core/serdes/index.ts';

/** Confluent's media type; clients also send application/json, which is accepted. */
const contentType = 'application/vnd.schemaregistry.v1+json';
/** A request body larger than this is refused (413) before it is parsed. */
export const requestBodyBytesMax = 8 * 1024 * 1024;

export interface SchemaRegistryServerOptions {
  readonly registry: SchemaRegistry;
  /** Default 127.0.0.1: the API has no authentication, so it is not exposed unless asked. */
  readonly host?: string;
  /** Default 0 (a free port; read it from `port` after start). */
  readonly port?: number;
}

/** A refusal the HTTP layer makes itself (bad route, bad body), in Confluent's error shape. */
class HttpError extends Error {
  readonly status: number;
  readonly errorCode: number;
  constructor(status: number, errorCode: number, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

type Answer = { readonly status?: number; readonly body: unknown };

function notFound(): HttpError {
  return new HttpError(404, 404, 'HTTP 404 Not Found');
}

function parseVersion(text: string): number | 'latest' {
  if (text === 'latest') return 'latest';
  const n = Number(text);
  // Left to the registry to refuse (42202) with Confluent's message when not a positive integer.
  return Number.isFinite(n) ? n : 0;
}

function schemaOf(body: unknown): string {
  const schema = (body as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string')
    throw new HttpError(422, 42201, 'Invalid schema: the body needs a "schema" string');
  const schemaType = (body as { schemaType?: unknown }).schemaType;
  if (schemaType !== undefined && schemaType !== 'AVRO')
    throw new HttpError(
      422,
      42201,
      `Invalid schema: schemaType ${String(schemaType)} is not supported (AVRO only)`,
    );
  return schema;
}

/**
 * A Confluent-compatible REST facade over a SchemaRegistry (the subset serializers, Connect and
 * most tools use): schemas by id, subjects and their versions, registration, lookup, soft delete,
 * compatibility checks and levels. Errors are `{ error_code, message }` with Confluent's codes.
 *
 *   GET    /schemas/ids/{id}                          {"schema": "..."}
 *   GET    /subjects                                  ["orders-value", ...]
 *   GET    /subjects/{subject}/versions               [1, 2]
 *   GET    /subjects/{subject}/versions/{v|latest}    {"subject","id","version","schema"}
 *   GET    /subjects/{subject}/versions/{v}/schema    the schema itself
 *   POST   /subjects/{subject}/versions               {"schema"} -> {"id"}
 *   POST   /subjects/{subject}                        {"schema"} -> {"subject","id","version","schema"}
 *   DELETE /subjects/{subject}                        [1, 2]
 *   POST   /compatibility/subjects/{subject}/versions[/{v}]   {"schema"} -> {"is_compatible"}
 *   GET    /config[/{subject}]                        {"compatibilityLevel"}
 *   PUT    /config[/{subject}]                        {"compatibility"} -> {"compatibility"}
 */
export class SchemaRegistryServer {
  private readonly server: http.Server;
  private readonly registry: SchemaRegistry;
  /** Requests that failed with a 5xx (store errors, bugs): counted, and answered with 500. */
  serverErrors = 0;

  private constructor(registry: SchemaRegistry) {
    this.registry = registry;
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  static async start(options: SchemaRegistryServerOptions): Promise<SchemaRegistryServer> {
    const s = new SchemaRegistryServer(options.registry);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        s.server.off('error', reject);
        resolve();
      });
    });
    return s;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    const a = this.server.address() as AddressInfo;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((err) => (err ? reject(err) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let answer: Answer;
    try {
      const body = await readBody(req);
      answer = await this.route(
        req.method ?? 'GET',
        new URL(req.url ?? '/', 'http://localhost').pathname,
        body,
      );
    } catch (err) {
      if (err instanceof SchemaRegistryError) {
        answer = { status: err.status, body: { error_code: err.errorCode, message: err.detail } };
      } else if (err instanceof HttpError) {
        answer = { status: err.status, body: { error_code: err.errorCode, message: err.message } };
      } else {
        this.serverErrors++;
        answer = {
          status: 500,
          body: { error_code: 50001, message: err instanceof Error ? err.message : String(err) },
        };
      }
    }
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  private async route(method: string, pathname: string, body: unknown): Promise<Answer> {
    let parts: string[];
    try {
      parts = pathname
        .split('/')
        .filter((p) => p !== '')
        .map((p) => decodeURIComponent(p));
    } catch {
      throw notFound(); // a malformed %-escape names no resource
    }
    const r = this.registry;
    const [head, a, b, c, d] = parts;
    const n = parts.length;
    if (head === 'schemas' && a === 'ids' && n === 3 && method === 'GET') {
      const id = Number(b);
      if (!Number.isInteger(id)) throw notFound();
      return { body: { schema: await r.getById(id) } };
    }
    if (head === 'subjects') {
      if (n === 1 && method === 'GET') return { body: await r.getSubjects() };
      if (n === 2 && method === 'POST') return { body: await r.lookup(a!, schemaOf(body)) };
      if (n === 2 && method === 'DELETE') return { body: await r.deleteSubject(a!) };
      if (n === 3 && b === 'versions' && method === 'GET') return { body: await r.getVersions(a!) };
      if (n === 3 && b === 'versions' && method === 'POST')
        return { body: { id: await r.register(a!, schemaOf(body)) } };
      if (n === 4 && b === 'versions' && method === 'GET')
        return { body: await r.getVersion(a!, parseVersion(c!)) };
      if (n === 5 && b === 'versions' && d === 'schema' && method === 'GET')
        return { body: (await r.getVersion(a!, parseVersion(c!))).schema };
    }
    if (
      head === 'compatibility' &&
      a === 'subjects' &&
      c === 'versions' &&
      method === 'POST' &&
      (n === 4 || n === 5)
    ) {
      const version = n === 5 ? parseVersion(d!) : undefined;
      const result = await r.testCompatibility(b!, schemaOf(body), version);
      return { body: { is_compatible: result.isCompatible, messages: result.messages } };
    }
    if (head === 'config' && n <= 2) {
      const subject = n === 2 ? a : undefined;
      if (method === 'GET') return { body: { compatibilityLevel: await r.getCompatibility(subject) } };
      if (method === 'PUT') {
        const level = parseCompatibilityLevel((body as { compatibility?: unknown } | null)?.compatibility);
        await r.setCompatibility(level, subject);
        return { body: { compatibility: level } };
      }
    }
    throw notFound();
  }
}

/** The request body as JSON (undefined when empty); 413 past the limit, 400 when not JSON. */
async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > requestBodyBytesMax)
      throw new HttpError(413, 413, `request body larger than ${requestBodyBytesMax} bytes`);
    chunks.push(buf);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (err) {
    throw new HttpError(400, 400, `the request body is not JSON: ${(err as Error).message}`);
  }
}
