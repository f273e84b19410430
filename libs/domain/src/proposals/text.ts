/** The stored form of text: every string NFC-normalised, absent (undefined) fields dropped. */
export function normalizeText<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item) => normalizeText(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key.normalize('NFC')] = normalizeText(item);
    }
    return out as T;
  }
  return value;
}
