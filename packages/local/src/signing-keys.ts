import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/** The algorithm of every token the embedded provider signs. */
export const signingAlgorithm = 'ES256';

interface SigningKeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
  retired_at: number | null;
}

/**
 * ES256 keys in the store. Rotation retires the active key but keeps publishing it until
 * every token it signed has expired, so rotation never signs anyone out.
 */
export class SigningKeys {
  constructor(
    private readonly database: Database,
    private readonly now: () => Date,
    private readonly retiredKeyLifetimeSeconds: number,
  ) {}

  /** Creates the first key if there is none. */
  async ensureActiveKey(): Promise<void> {
    if (!this.activeRow()) await this.rotate();
  }

  /** Adds a new active key and retires the previous one. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(signingAlgorithm, { extractable: true });
    const kid = randomUUID();
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: signingAlgorithm };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: signingAlgorithm, use: 'sig' };
    const at = this.now().getTime();
    this.database.transaction(() => {
      this.database.prepare('UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL').run(at);
      this.database
        .prepare('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?)')
        .run(kid, JSON.stringify(privateJwk), JSON.stringify(publicJwk), at);
    })();
    return kid;
  }

  private activeRow(): SigningKeyRow | undefined {
    return this.database
      .prepare('SELECT * FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1')
      .get() as SigningKeyRow | undefined;
  }

  /** The key new tokens are signed with. */
  async activeKey(): Promise<{ kid: string; key: SigningKey }> {
    const row = this.activeRow();
    if (!row) throw new Error('no active signing key');
    return { kid: row.kid, key: await importJWK(JSON.parse(row.private_jwk) as JWK, signingAlgorithm) };
  }

  /** Public keys of the active key and of retired keys whose tokens may still be valid. */
  jwks(): JSONWebKeySet {
    const cutoff = this.now().getTime() - this.retiredKeyLifetimeSeconds * 1000;
    const rows = this.database
      .prepare(
        'SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at DESC',
      )
      .all(cutoff) as { public_jwk: string }[];
    return { keys: rows.map((row) => JSON.parse(row.public_jwk) as JWK) };
  }
}
