/** Throws a RangeError unless `value` is a safe integer number of ms >= `min` (window parameters). */
export function checkWindowMs(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer number of ms >= ${min}, got ${value}`);
}
