/**
 * Bytes of the WebAssembly binary from what `ready(source)` was given: a `file:` URL read from disk in
 * Node, Deno and Bun (their `fetch` cannot), anything else fetched. Errors name the URL, and the HTTP
 * status when there is one.
 */

/** The structural part of a fetch `Response` that loading needs (no DOM types required). */
export interface ResponseLike {
  /** Whether the status is 2xx. */
  readonly ok: boolean;
  /** The HTTP status, named in the error when not `ok`. */
  readonly status: number;
  /** The HTTP status text. */
  readonly statusText: string;
  /** Where the response came from, named in errors. */
  readonly url?: string;
  /** The response headers (`content-type: application/wasm` allows streaming compilation). */
  readonly headers: {
    /** A header's value, or null. */
    get(name: string): string | null;
  };
  /** The body's bytes. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

interface ServerScope {
  process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };
  Deno?: { readFile(path: URL): Promise<Uint8Array> };
}

/** Whether `value` looks like a fetch Response, without touching the global `Response` (see load.ts). */
export function isResponseLike(value: unknown): value is ResponseLike {
  const r = value as Partial<ResponseLike> | null;
  return (
    typeof r === 'object' && r !== null && typeof r.arrayBuffer === 'function' && typeof r.ok === 'boolean'
  );
}

/**
 * The binary at `url` (a string resolves against the page in browsers).
 * @throws Error `gmm-wasm could not load the binary from <url>: <reason>`.
 */
export async function bytesFromUrl(url: string | URL): Promise<ArrayBuffer | Uint8Array> {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  let resolved: URL;
  try {
    resolved = url instanceof URL ? url : new URL(url, base);
  } catch {
    throw new Error(`gmm-wasm could not load the binary: '${String(url).slice(0, 200)}' is not a URL`);
  }
  if (resolved.protocol === 'file:') return readFileUrl(resolved);
  let response: ResponseLike;
  try {
    response = await fetch(resolved);
  } catch (error) {
    throw loadError(resolved.href, error instanceof Error ? error.message : String(error), error);
  }
  return bytesFromResponse(response, resolved.href);
}

/** The body of a fetched binary. @throws Error naming the URL and the HTTP status when it is not ok. */
export async function bytesFromResponse(response: ResponseLike, url = response.url): Promise<ArrayBuffer> {
  if (!response.ok) {
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw loadError(url || 'a Response', status);
  }
  return response.arrayBuffer();
}

async function readFileUrl(url: URL): Promise<Uint8Array> {
  const scope = globalThis as ServerScope;
  const fs = scope.process?.getBuiltinModule?.('node:fs') as
    | { promises: { readFile(path: URL): Promise<Uint8Array> } }
    | undefined;
  try {
    if (fs) return await fs.promises.readFile(url);
    if (scope.Deno) return await scope.Deno.readFile(url);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw loadError(url.href, reason, error);
  }
  throw loadError(url.href, 'this runtime cannot read files; pass the bytes instead');
}

function loadError(url: string, reason: string, cause?: unknown): Error {
  return new Error(`gmm-wasm could not load the binary from ${url}: ${reason}`, { cause });
}
