import { IdentityError } from '../errors/identity-error';
import type { KeyStore } from './key-store';
import { TokenVerificationError } from './token-verification-error';
import { importKeySet, type VerificationKey } from './verification-key';

/** Options of {@link createRemoteKeyStore}. */
export interface RemoteKeyStoreOptions {
  /** The JWKS URL. HTTPS; plain HTTP only for a loopback host (a local peer). */
  readonly jwksUri: string;
  /** Provider id, for error attribution. */
  readonly provider?: string;
  /** Abort a JWKS fetch after this many milliseconds. Default 5000. */
  readonly timeoutMs?: number;
  /** Least time between two fetches triggered by an unknown `kid`. Default 30000. */
  readonly cooldownMs?: number;
  /** Keys older than this are fetched again before use. Default 600000 (10 min). */
  readonly maxAgeMs?: number;
  /** After a failed fetch, fail fast for this long before trying again. Default 5000. */
  readonly failureBackoffMs?: number;
  /** Keys kept from one JWKS document; the rest are ignored. Default 100. */
  readonly maxKeys?: number;
  /** Largest JWKS response read, in bytes. Default 262144. */
  readonly maxResponseBytes?: number;
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** A JWKS cache over HTTP, with counters for tests and benchmarks. */
export interface RemoteKeyStore extends KeyStore {
  /** Fetches started so far (successful or not). */
  readonly fetchCount: number;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function checkJwksUri(jwksUri: string, provider: string): URL {
  let url: URL;
  try {
    url = new URL(jwksUri);
  } catch {
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider,
      field: 'keys.jwksUri',
      message: 'JWKS URL is not a URL',
    });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
  if (!secure) {
    throw new IdentityError({
      code: 'CONFIGURATION_ERROR',
      provider,
      field: 'keys.jwksUri',
      message: 'JWKS URL must use https (http only for a loopback host)',
    });
  }
  return url;
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new Error('JWKS response is too large');
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new Error('JWKS response is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A JWKS cache written for the verifier's hot path (see docs/decisions/0100):
 * - a fresh cache answers synchronously, without a promise or a fetch;
 * - concurrent requests on a cold or stale cache share one fetch;
 * - an unknown `kid` triggers a refetch only when `cooldownMs` has passed since the last
 *   fetch, so a flood of made-up kids costs at most one request per cooldown;
 * - a failed fetch fails closed (PROVIDER_UNAVAILABLE) and blocks further attempts for
 *   `failureBackoffMs`, so an outage does not turn into a fetch storm;
 * - redirects are refused, the response size and key count are bounded, and a fetch is
 *   aborted after `timeoutMs`.
 */
export function createRemoteKeyStore(options: RemoteKeyStoreOptions): RemoteKeyStore {
  const provider = options.provider ?? 'unknown';
  const url = checkJwksUri(options.jwksUri, provider);
  const timeoutMs = options.timeoutMs ?? 5000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const maxAgeMs = options.maxAgeMs ?? 600_000;
  const failureBackoffMs = options.failureBackoffMs ?? 5000;
  const maxKeys = options.maxKeys ?? 100;
  const maxResponseBytes = options.maxResponseBytes ?? 262_144;
  const now = options.now ?? Date.now;

  let keysById = new Map<string, VerificationKey[]>();
  let allKeys: readonly VerificationKey[] = [];
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let lastAttemptAt = Number.NEGATIVE_INFINITY;
  let lastFetchFailed = false;
  let pending: Promise<void> | undefined;
  let fetchCount = 0;

  const unavailable = (message: string, cause?: unknown) =>
    new TokenVerificationError({ reason: 'keys_unavailable', provider, message, cause });

  async function fetchKeys(): Promise<void> {
    fetchCount++;
    lastAttemptAt = now();
    let document: unknown;
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`JWKS endpoint answered HTTP ${response.status}`);
      }
      document = JSON.parse(await readLimited(response, maxResponseBytes));
    } catch (error) {
      lastFetchFailed = true;
      throw unavailable('Verification keys could not be fetched', error);
    }
    const imported = importKeySet(document, maxKeys);
    if (!imported) {
      lastFetchFailed = true;
      throw unavailable('Verification keys could not be fetched: the response is not a JWKS');
    }
    const byId = new Map<string, VerificationKey[]>();
    for (const key of imported) {
      if (key.keyId === undefined) continue;
      const list = byId.get(key.keyId);
      if (list) list.push(key);
      else byId.set(key.keyId, [key]);
    }
    keysById = byId;
    allKeys = imported;
    fetchedAt = now();
    lastFetchFailed = false;
  }

  function refresh(): Promise<void> {
    if (!pending) {
      pending = fetchKeys().finally(() => {
        pending = undefined;
      });
    }
    return pending;
  }

  function lookup(keyId: string | undefined): readonly VerificationKey[] {
    if (keyId === undefined) return allKeys;
    return keysById.get(keyId) ?? [];
  }

  async function refreshThenLookup(keyId: string | undefined): Promise<readonly VerificationKey[]> {
    await refresh();
    return lookup(keyId);
  }

  return {
    kind: 'key-store',
    get fetchCount() {
      return fetchCount;
    },
    keysFor(keyId) {
      const time = now();
      if (time - fetchedAt < maxAgeMs) {
        // A known key in a fresh cache never waits: not for a refetch another token caused,
        // and not on that refetch's failure.
        const found = lookup(keyId);
        if (found.length > 0) return found;
        if (pending) return pending.then(() => lookup(keyId));
        // Unknown kid: the issuer may have rotated keys. Ask again, but only once per cooldown.
        if (time - lastAttemptAt < cooldownMs) {
          if (lastFetchFailed) return Promise.reject(unavailable('Verification keys could not be fetched'));
          return found;
        }
        return refreshThenLookup(keyId);
      }
      if (pending) return pending.then(() => lookup(keyId));
      if (lastFetchFailed && time - lastAttemptAt < failureBackoffMs) {
        return Promise.reject(unavailable('Verification keys could not be fetched'));
      }
      return refreshThenLookup(keyId);
    },
  };
}
