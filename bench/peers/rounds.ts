/**
 * Runs every system once per round, in an order rotated each round (so no system always runs first,
 * on a cooler machine, or last), and hands out each system's result of round i to whichever figure asks
 * for it. The runner calls each figure's measure and baseline `warmup + runs` times; the i-th call of
 * any figure gets round i, so every ratio compares runs from the same round and each system's work is
 * done once per round, not once per figure it appears in.
 */
import type { Measure } from '../harness.ts';

export class Rounds<R> {
  private readonly systems: readonly string[];
  private readonly runOne: (system: string, round: number) => Promise<R>;
  private readonly rounds: Array<Promise<Map<string, R>>> = [];

  constructor(systems: readonly string[], runOne: (system: string, round: number) => Promise<R>) {
    this.systems = systems;
    this.runOne = runOne;
  }

  /** The order systems run in during round `round`. */
  orderOf(round: number): string[] {
    const n = this.systems.length;
    return Array.from({ length: n }, (_, i) => this.systems[(i + round) % n]!);
  }

  /** System `system`'s result in round `round` (running that round, and any before it, if needed). */
  async result(system: string, round: number): Promise<R> {
    if (!this.systems.includes(system)) throw new Error(`unknown system ${system}`);
    for (let r = this.rounds.length; r <= round; r++) {
      const previous = r === 0 ? Promise.resolve(new Map<string, R>()) : this.rounds[r - 1]!;
      this.rounds.push(previous.then(() => this.runRound(r)));
    }
    const results = await this.rounds[round]!;
    return results.get(system)!;
  }

  private async runRound(round: number): Promise<Map<string, R>> {
    const results = new Map<string, R>();
    for (const system of this.orderOf(round)) results.set(system, await this.runOne(system, round));
    return results;
  }

  /** A Measure whose i-th call returns `pick` of the system's result in round i. */
  measure(system: string, pick: (result: R) => number): Measure {
    let call = 0;
    return async () => pick(await this.result(system, call++));
  }
}
