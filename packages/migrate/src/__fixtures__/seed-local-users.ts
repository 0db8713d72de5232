import { randomBytes, scryptSync } from 'node:crypto';
import type { PortableUser } from '@idport/core';
import type { LocalIdentityProvider } from '@idport/local';

/** A scrypt PHC hash of `password` at a test cost, computed once per call. */
export function scryptPhc(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  const encode = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=10,r=8,p=1$${encode(salt)}$${encode(hash)}`;
}

/** Fills a local provider with `count` users sharing one password hash, some with TOTP and groups. */
export async function seedLocalUsers(
  provider: LocalIdentityProvider,
  count: number,
  password: string,
  prefix = 'user',
): Promise<void> {
  const phc = scryptPhc(password);
  const users: PortableUser[] = Array.from({ length: count }, (_, index) => ({
    sourceId: `${prefix}-${index}`,
    email: `${prefix}-${index}@example.com`,
    emailVerified: true,
    phoneNumber: null,
    givenName: `Given${index}`,
    familyName: 'Seeded',
    displayName: null,
    enabled: true,
    createdAt: new Date('2024-01-01T00:00:00Z'),
    attributes: { plan: index % 2 === 0 ? 'pro' : 'free' },
    groups: index % 10 === 0 ? ['admins'] : [],
    passwordHash: { algorithm: 'scrypt', phc },
    mfaFactors:
      index % 25 === 0 ? [{ type: 'totp', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', label: 'seeded' }] : [],
  }));
  for (let start = 0; start < users.length; start += 1000) {
    await provider.transfer.importUsers(users.slice(start, start + 1000));
  }
}
