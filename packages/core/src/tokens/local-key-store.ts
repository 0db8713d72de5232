import type { KeyStore } from './key-store';
import { importKeySet, type VerificationKey } from './verification-key';

/** A JWKS document held in process: `{ keys: [...] }`. */
export interface JsonWebKeySet {
  readonly keys: readonly Record<string, unknown>[];
}

/** Keys held in process: a fixed set, or a function read at each verification (for rotation). */
export type LocalKeySetSource = JsonWebKeySet | (() => JsonWebKeySet | Promise<JsonWebKeySet>);

function indexKeys(document: JsonWebKeySet, maxKeys: number): Map<string | undefined, VerificationKey[]> {
  const byId = new Map<string | undefined, VerificationKey[]>();
  const all: VerificationKey[] = [];
  for (const key of importKeySet(document, maxKeys) ?? []) {
    all.push(key);
    if (key.keyId === undefined) continue;
    const list = byId.get(key.keyId);
    if (list) list.push(key);
    else byId.set(key.keyId, [key]);
  }
  byId.set(undefined, all);
  return byId;
}

/**
 * A key store over an in-process JWKS (the embedded provider's keys, tests, pinned keys).
 * When given a function, it is called at each verification, so a rotation is seen at once.
 * Keys are imported again only when the set's content changes (same object, or same JSON), so
 * a function that rebuilds an unchanged set on every call costs a string comparison, not a
 * key import.
 */
export function createLocalKeyStore(source: LocalKeySetSource, maxKeys = 100): KeyStore {
  let lastDocument: JsonWebKeySet | undefined;
  let lastFingerprint: string | undefined;
  let lastIndex = new Map<string | undefined, VerificationKey[]>();
  const select = (document: JsonWebKeySet, keyId: string | undefined): readonly VerificationKey[] => {
    if (document !== lastDocument) {
      const fingerprint = JSON.stringify(document.keys);
      if (fingerprint !== lastFingerprint) {
        lastIndex = indexKeys(document, maxKeys);
        lastFingerprint = fingerprint;
      }
      lastDocument = document;
    }
    return lastIndex.get(keyId) ?? [];
  };
  return {
    kind: 'key-store',
    keysFor(keyId) {
      if (typeof source !== 'function') return select(source, keyId);
      const document = source();
      if (document instanceof Promise) return document.then((resolved) => select(resolved, keyId));
      return select(document, keyId);
    },
  };
}
