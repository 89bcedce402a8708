import { ErrorCode, KafkaError } from '../../core/errors/index.ts';
import type { Clock } from '../../core/io/index.ts';

/** Resolves after `ms` on the clock (simulated time in tests). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/** `promise`, or a REQUEST_TIMED_OUT KafkaError naming `what` after `ms` on the clock. */
export async function withTimeout<T>(
  clock: Clock,
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: { cancel(): void } | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(
      () => reject(new KafkaError(ErrorCode.REQUEST_TIMED_OUT, `${what} did not finish within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    timer?.cancel();
  }
}
