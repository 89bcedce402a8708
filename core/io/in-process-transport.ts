import type { Clock } from './clock.ts';
import { timedOut, unreachable, type RequestHandler, type Transport } from './transport.ts';

/**
 * Direct delivery inside one process: the handler runs on a later microtask (never on the caller's
 * stack, so actor semantics hold), with a timeout on the Clock.
 */
export class InProcessTransport<Req, Res> implements Transport<Req, Res> {
  private readonly handlers = new Map<number, RequestHandler<Req, Res>>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  listen(nodeId: number, handler: RequestHandler<Req, Res>): () => void {
    this.handlers.set(nodeId, handler);
    return () => {
      if (this.handlers.get(nodeId) === handler) this.handlers.delete(nodeId);
    };
  }

  request(from: number, to: number, request: Req, timeoutMs: number): Promise<Res> {
    const handler = this.handlers.get(to);
    if (handler === undefined) return Promise.reject(unreachable(to));
    return new Promise<Res>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(timedOut(to, timeoutMs)), timeoutMs);
      queueMicrotask(() => {
        handler(request, from).then(
          (res) => {
            timer.cancel();
            resolve(res);
          },
          (err: unknown) => {
            timer.cancel();
            reject(err);
          },
        );
      });
    });
  }
}
