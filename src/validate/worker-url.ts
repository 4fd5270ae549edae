/** The `workerUrl` option: where the statistics worker's script is served, as a URL. */

/**
 * A `string` or `URL` naming the worker script, kept as a `URL` (a relative string resolves against
 * the page, as `new Worker()` would resolve it).
 * @throws TypeError for another kind; RangeError for a string that is not a URL.
 */
export function readWorkerUrl(value: unknown, option: string): URL {
  if (value instanceof URL) return new URL(value.href);
  if (typeof value !== 'string') {
    throw new TypeError(`${option} must be a string or a URL, got ${value === null ? 'null' : typeof value}`);
  }
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(value, base);
  } catch {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    throw new RangeError(`${option} must be a URL (absolute, or relative to the page), got '${shown}'`);
  }
}
