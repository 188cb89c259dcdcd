/**
 * Changes every object and array in `value`, at every depth: new keys, strings replaced, arrays emptied and
 * refilled. What a consumer of a shared stream could do to the values it receives; the specs check that no other
 * subscription's state changes with them.
 *
 * @example
 * events$.subscribe((event) => vandalize(event));
 */
export function vandalize(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const entry of value) vandalize(entry, seen);
    value.push('vandal');
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const inner = record[key];
    if (typeof inner === 'object' && inner !== null) vandalize(inner, seen);
    else if (typeof inner === 'string' && key !== 'type') record[key] = `${inner}!`;
  }
  record['vandal'] = true;
}
