// Sends requests to a KafkaApis the way the network server will: encoded to a frame and decoded
// again (so each version's defaults apply), and the answer encoded and decoded at the same version.
import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type RequestBodyByKey,
  type RequestInputByKey,
  type ResponseBodyByKey,
  type ResponseInputByKey,
} from '../../../core/protocol/index.ts';
import type { KafkaApis, KafkaApisRequestContext } from '../kafka-apis.ts';

/** The bytes after the size prefix, as the server's FrameDecoder yields them. */
function frameOf(chunks: readonly Buffer[]): Buffer {
  return Buffer.concat(chunks).subarray(4);
}

export class ApiTestClient {
  private readonly apis: KafkaApis;
  private readonly ctx: KafkaApisRequestContext;
  private correlationId = 0;

  constructor(apis: KafkaApis, ctx: Partial<KafkaApisRequestContext> = {}) {
    this.apis = apis;
    this.ctx = { clientId: ctx.clientId ?? 'test-client', clientHost: ctx.clientHost ?? '127.0.0.1' };
  }

  /** One request at `apiVersion`; resolves with the decoded response body, or null when none is sent. */
  async send<K extends keyof RequestBodyByKey & keyof ResponseBodyByKey>(
    apiKey: K,
    apiVersion: number,
    body: RequestInputByKey[K],
    clientId = this.ctx.clientId,
  ): Promise<ResponseBodyByKey[K] | null> {
    const correlationId = ++this.correlationId;
    const request = decodeRequest(
      frameOf(encodeRequest({ apiKey, apiVersion, correlationId, clientId }, body)),
    );
    const response = await this.apis.handle(request, { clientId, clientHost: this.ctx.clientHost });
    if (response === null) return null;
    const bytes = frameOf(
      encodeResponse(apiKey, apiVersion, correlationId, response as ResponseInputByKey[K]),
    );
    const decoded = decodeResponse(apiKey, apiVersion, bytes);
    if (decoded.correlationId !== correlationId) throw new Error('correlation id mismatch');
    return decoded.body;
  }

  /** As `send`, for requests that always get a response. */
  async call<K extends keyof RequestBodyByKey & keyof ResponseBodyByKey>(
    apiKey: K,
    apiVersion: number,
    body: RequestInputByKey[K],
    clientId?: string,
  ): Promise<ResponseBodyByKey[K]> {
    const response = await this.send(apiKey, apiVersion, body, clientId);
    if (response === null) throw new Error(`api key ${apiKey} v${apiVersion} sent no response`);
    return response;
  }
}
