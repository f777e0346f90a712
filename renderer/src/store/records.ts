/** A copy of `record` without `key`, or the same object when the key is absent. */
export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;

  const copy = { ...record };
  delete copy[key];
  return copy;
}

export function toFlags(ids: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(ids.map((id) => [id, true]));
}
