import type { Clock } from './clock.ts';
import type { Random } from './random.ts';
import { timedOut, unreachable, type RequestHandler, type Transport } from './transport.ts';

export interface SimulatedNetworkOptions {
  /** One-way delivery delay range in simulated ms. Default [0, 2]. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Probability that a request or a response is silently lost (the caller then times out). Default 0. */
  dropProbability?: number;
}

/**
 * A simulated network on the SimulatedClock: every message is delivered after a random delay drawn
 * from the seeded Random port, so messages on different links interleave differently per seed while
 * each link stays FIFO (like TCP). Links can be cut and healed in either direction, nodes can go
 * down, and messages can be dropped. A cut link loses messages silently (the caller times out); a
 * node that is down refuses connections at once.
 */
export class SimulatedTransport<Req, Res> implements Transport<Req, Res> {
  private readonly handlers = new Map<number, RequestHandler<Req, Res>>();
  private readonly cut = new Set<string>();
  /** Per directed link, the time its last message is delivered: keeps each link FIFO. */
  private readonly linkClear = new Map<string, number>();
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;
  dropProbability: number;
  /** Messages delivered, dropped and refused, for tests. */
  readonly stats = { delivered: 0, dropped: 0, refused: 0 };

  constructor(clock: Clock, random: Random, options: SimulatedNetworkOptions = {}) {
    this.clock = clock;
    this.random = random;
    this.minDelayMs = options.minDelayMs ?? 0;
    this.maxDelayMs = options.maxDelayMs ?? 2;
    this.dropProbability = options.dropProbability ?? 0;
  }

  listen(nodeId: number, handler: RequestHandler<Req, Res>): () => void {
    this.handlers.set(nodeId, handler);
    return () => {
      if (this.handlers.get(nodeId) === handler) this.handlers.delete(nodeId);
    };
  }

  /** Cuts the link between a and b (both directions unless `oneWay`). */
  cutLink(a: number, b: number, oneWay = false): void {
    this.cut.add(`${a}->${b}`);
    if (!oneWay) this.cut.add(`${b}->${a}`);
  }

  healLink(a: number, b: number): void {
    this.cut.delete(`${a}->${b}`);
    this.cut.delete(`${b}->${a}`);
  }

  /** Isolates a node from every other node. */
  isolate(node: number, others: readonly number[]): void {
    for (const o of others) if (o !== node) this.cutLink(node, o);
  }

  healAll(): void {
    this.cut.clear();
  }

  isCut(from: number, to: number): boolean {
    return this.cut.has(`${from}->${to}`);
  }

  request(from: number, to: number, request: Req, timeoutMs: number): Promise<Res> {
    if (!this.handlers.has(to)) {
      this.stats.refused++;
      return Promise.reject(unreachable(to));
    }
    return new Promise<Res>((resolve, reject) => {
      let settled = false;
      const timer = this.clock.setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(timedOut(to, timeoutMs));
      }, timeoutMs);
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        timer.cancel();
        fn();
      };
      this.deliver(from, to, () => {
        const handler = this.handlers.get(to);
        if (handler === undefined) return; // went down in flight: the caller times out
        handler(request, from).then(
          (res) => this.deliver(to, from, () => finish(() => resolve(res))),
          (err: unknown) => this.deliver(to, from, () => finish(() => reject(err))),
        );
      });
    });
  }

  private deliver(from: number, to: number, fn: () => void): void {
    if (this.isCut(from, to) || (this.dropProbability > 0 && this.random.next() < this.dropProbability)) {
      this.stats.dropped++;
      return;
    }
    const key = `${from}->${to}`;
    const delay = this.minDelayMs + this.random.next() * (this.maxDelayMs - this.minDelayMs);
    const at = Math.max(this.clock.now() + delay, this.linkClear.get(key) ?? 0);
    this.linkClear.set(key, at);
    this.clock.setTimeout(() => {
      // A link cut while the message was in flight loses it.
      if (this.isCut(from, to)) {
        this.stats.dropped++;
        return;
      }
      this.stats.delivered++;
      fn();
    }, at - this.clock.now());
  }
}
