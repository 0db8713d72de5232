import { createHash } from 'node:crypto';
import type { VerifiedToken } from '../port/verified-token';
import type { VerifiedTokenCacheOptions } from './token-verifier-options';

interface Entry {
  readonly result: VerifiedToken;
  /** Milliseconds; the entry is dead from this instant on. */
  readonly validUntil: number;
}

/** A bounded cache of verification results, keyed by a SHA-256 of the token. */
export interface VerifiedTokenCache {
  key(token: string): string;
  get(key: string, nowMs: number): VerifiedToken | undefined;
  set(key: string, result: VerifiedToken, nowMs: number): void;
  readonly size: number;
}

/**
 * Least-recently-used results, at most `maxEntries`. Keys are SHA-256 digests so that the cache
 * holds no bearer token a heap dump could leak. An entry is valid until the earlier of the
 * token's `exp` (without clock tolerance) and `maxAgeSeconds` after it was stored.
 */
export function createVerifiedTokenCache(options: VerifiedTokenCacheOptions): VerifiedTokenCache {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const maxAgeMs = Math.max(0, options.maxAgeSeconds ?? 60) * 1000;
  const entries = new Map<string, Entry>();
  return {
    key(token) {
      return createHash('sha256').update(token).digest('base64');
    },
    get(key, nowMs) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (nowMs >= entry.validUntil) return undefined;
      entries.set(key, entry);
      return entry.result;
    },
    set(key, result, nowMs) {
      const validUntil = Math.min(result.expiresAt.getTime(), nowMs + maxAgeMs);
      if (validUntil <= nowMs) return;
      entries.delete(key);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(key, { result, validUntil });
    },
    get size() {
      return entries.size;
    },
  };
}
