import type { AttributeValue, IdentityProvider } from '@idport/core';
import { Secret, TOTP } from 'otpauth';

/** The password every seeded user has at the old provider. */
export const seededPassword = 'Analytical-Engine-1843';

/** What the seed made, for checks after the migration. */
export interface SeededUsers {
  readonly emails: readonly string[];
  /** Ada's authenticator secret (base32), to prove her factor crossed. Never printed. */
  readonly adaTotpSecret: string;
}

/**
 * Fills the old provider the way a real tenant looks: an administrator with TOTP, a user
 * with a legacy attribute, support staff, plain users, and a QA account to leave behind.
 */
export async function seedUsers(provider: IdentityProvider): Promise<SeededUsers> {
  const administrators = await provider.groups.create({ name: 'Administrators' });
  const support = await provider.groups.create({ name: 'Support Staff' });
  const people: {
    email: string;
    givenName: string;
    groups: string[];
    attributes: Record<string, AttributeValue>;
  }[] = [
    { email: 'Ada@Example.com', givenName: 'Ada', groups: [administrators.id], attributes: {} },
    {
      email: 'grace@example.com',
      givenName: 'Grace',
      groups: [],
      attributes: { legacy_plan: 'pro', internal_notes: 'vip' },
    },
    { email: 'linus@example.com', givenName: 'Linus', groups: [support.id], attributes: {} },
    { email: 'margaret@example.com', givenName: 'Margaret', groups: [], attributes: {} },
    { email: 'alan@example.com', givenName: 'Alan', groups: [], attributes: {} },
    { email: 'qa-bot@test.invalid', givenName: 'QA', groups: [], attributes: {} },
  ];
  for (const person of people) {
    const user = await provider.users.create({
      email: person.email,
      password: seededPassword,
      givenName: person.givenName,
      emailVerified: true,
      attributes: person.attributes,
    });
    for (const groupId of person.groups) await provider.groups.addMember({ groupId, userId: user.id });
  }
  // Ada enrolls an authenticator app, as she would have in the old app.
  const signedIn = await provider.auth.signIn({ email: 'ada@example.com', password: seededPassword });
  if (signedIn.status !== 'authenticated') throw new Error(`unexpected ${signedIn.status}`);
  const enrollment = await provider.mfa.enrollTotp({
    userId: signedIn.user.id,
    accessToken: signedIn.tokens.accessToken,
    label: 'phone',
  });
  const code = new TOTP({ secret: Secret.fromBase32(enrollment.secret) }).generate();
  await provider.mfa.confirmEnrollment({
    userId: signedIn.user.id,
    accessToken: signedIn.tokens.accessToken,
    factorId: enrollment.factorId,
    code,
  });
  return { emails: people.map((person) => person.email.toLowerCase()), adaTotpSecret: enrollment.secret };
}
