/** A deep copy of `values` with each dotted path ("actions.0.config.url") set to its value. */
export function fillBlanks<T>(values: T, entries: ReadonlyArray<readonly [string, unknown]>): T {
  const copy = structuredClone(values) as Record<string, unknown>;
  for (const [path, value] of entries) {
    const keys = path.split(".");
    let target = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys[keys.length - 1]] = value;
  }
  return copy as T;
}
