import type { OperationName } from '@idport/core';
import fc from 'fast-check';
import {
  hostileValue,
  mostlyHostile,
  pollutingObject,
  validEmail,
  validName,
  validPassword,
} from './hostile-arbitraries';

const id = () => mostlyHostile(fc.constantFrom('missing-user-0001', 'missing-group-0001'));
const code = () => mostlyHostile(fc.stringMatching(/^\d{6}$/));
const token = () =>
  mostlyHostile(fc.constantFrom('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'not-a-token-0123456789'));
const challenge = () =>
  mostlyHostile(fc.record({ session: fc.string({ minLength: 1 }), expiresAt: fc.constant(null) }));
const attributes = () =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), fc.string({ maxLength: 30 }), {
        maxKeys: 3,
      }),
    },
    { weight: 1, arbitrary: pollutingObject },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 20 }), hostileValue, { maxKeys: 4 }) },
    { weight: 1, arbitrary: hostileValue },
  );
const providerOptions = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: pollutingObject },
    { weight: 1, arbitrary: fc.record({ local: pollutingObject }) },
    { weight: 1, arbitrary: hostileValue },
  );
const pageOptions = () =>
  fc.oneof(
    hostileValue,
    fc.record(
      { pageSize: mostlyHostile(fc.integer({ min: 1, max: 50 })), cursor: mostlyHostile(fc.string()) },
      { requiredKeys: [] },
    ),
  );

/** Argument lists for each operation: a mix of well-formed and hostile values in every position. */
export function hostileArgumentsFor(operation: OperationName, emailPrefix: string): fc.Arbitrary<unknown[]> {
  const email = () => mostlyHostile(validEmail(emailPrefix));
  const password = () => mostlyHostile(validPassword);
  const name = () => mostlyHostile(validName);
  const object = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
      { weight: 1, arbitrary: hostileValue },
      {
        weight: 1,
        arbitrary: fc
          .record(fields, { requiredKeys: [] })
          .chain((record) => pollutingObject.map((extra) => ({ ...extra, ...record }))),
      },
    );
  const tuple = (...items: fc.Arbitrary<unknown>[]) => fc.tuple(...items) as fc.Arbitrary<unknown[]>;
  switch (operation) {
    case 'auth.signIn':
      return tuple(
        object({
          email: email(),
          password: password(),
          scopes: hostileValue,
          providerOptions: providerOptions(),
        }),
      );
    case 'auth.completeMfa':
      return tuple(object({ challenge: challenge(), factorId: id(), code: code() }));
    case 'auth.completeNewPassword':
      return tuple(object({ challenge: challenge(), newPassword: password() }));
    case 'auth.refresh':
      return tuple(object({ refreshToken: token() }));
    case 'auth.revoke':
      return tuple(object({ token: token() }));
    case 'auth.signOut':
      return tuple(object({ userId: id() }));
    case 'auth.signUp':
      return tuple(object({ email: email(), password: password(), givenName: name(), familyName: name() }));
    case 'auth.confirmSignUp':
      return tuple(object({ email: email(), code: code() }));
    case 'mfa.listFactors':
    case 'mfa.generateRecoveryCodes':
      return tuple(object({ userId: id(), accessToken: token() }));
    case 'mfa.enrollTotp':
      return tuple(object({ userId: id(), accessToken: token(), label: name() }));
    case 'mfa.confirmEnrollment':
      return tuple(object({ userId: id(), accessToken: token(), factorId: id(), code: code() }));
    case 'mfa.removeFactor':
      return tuple(object({ userId: id(), accessToken: token(), factorId: id() }));
    case 'users.create':
      return tuple(
        object({
          email: email(),
          password: password(),
          givenName: name(),
          familyName: name(),
          displayName: name(),
          phoneNumber: mostlyHostile(fc.constant('+14155550123')),
          attributes: attributes(),
          providerOptions: providerOptions(),
        }),
      );
    case 'users.get':
    case 'users.disable':
    case 'users.enable':
    case 'users.delete':
    case 'groups.listForUser':
    case 'groups.delete':
      return tuple(id());
    case 'users.findByEmail':
      return tuple(email());
    case 'users.update':
      return tuple(
        id(),
        object({
          givenName: name(),
          email: email(),
          attributes: attributes(),
          providerOptions: providerOptions(),
        }),
      );
    case 'users.setPassword':
      return tuple(id(), password(), mostlyHostile(fc.record({ temporary: fc.boolean() })));
    case 'users.list':
    case 'groups.list':
    case 'transfer.exportUsers':
      return tuple(pageOptions());
    case 'groups.create':
      return tuple(object({ name: name(), description: name() }));
    case 'groups.addMember':
    case 'groups.removeMember':
      return tuple(object({ groupId: id(), userId: id() }));
    case 'tokens.verifyAccessToken':
      return tuple(token());
    case 'tokens.verifyIdToken':
      return tuple(token(), mostlyHostile(fc.record({ nonce: fc.string() })));
    case 'transfer.importUsers':
      return tuple(
        fc.oneof(
          hostileValue,
          fc.array(
            object({
              sourceId: mostlyHostile(fc.uuid()),
              email: email(),
              emailVerified: mostlyHostile(fc.boolean()),
              attributes: attributes(),
              groups: mostlyHostile(fc.array(fc.string(), { maxLength: 2 })),
              passwordHash: mostlyHostile(
                fc.record({ algorithm: fc.constantFrom('md5', 'scrypt', 'nope'), phc: fc.string() }),
              ),
              mfaFactors: hostileValue,
            }),
            { maxLength: 3 },
          ),
        ),
        mostlyHostile(fc.record({ onConflict: fc.constantFrom('skip', 'fail') })),
      );
  }
}
