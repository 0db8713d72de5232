import { IdentityError, type MfaOperations } from '@idport/core';
import type { FirebaseContext } from './firebase-context';
import { FirebaseRestError } from './firebase-rest-error';
import { mapFirebaseFactors } from './map-firebase-factors';
import { readOwnIdToken } from './read-own-id-token';
import { decodeTotpEnrollmentId, encodeTotpEnrollmentId, maximumFactorIdLength } from './totp-enrollment-id';
import { keyUriAlgorithm, totpKeyUri } from './totp-key-uri';

function factorNotFound(): IdentityError {
  return new IdentityError({
    code: 'FACTOR_NOT_FOUND',
    provider: 'firebase',
    message: 'The user has no such second factor',
  });
}

/**
 * Second-factor management. Listing, and removal where the remaining factors are phone
 * factors, go through firebase-admin. TOTP enrollment, and removal that must keep a TOTP
 * factor, go through the user-scoped Identity Toolkit v2 API with the user's own ID token
 * (`accessToken`), as the Firebase JS SDK does: firebase-admin can read TOTP factors but
 * not write them. SMS factors are enrolled through `providerOptions.firebase.mfaPhoneNumbers`.
 * `enrollTotp` / `confirmEnrollment` are declared only with TOTP on (see firebase-capabilities).
 */
export function createFirebaseMfaOperations(context: FirebaseContext): Partial<MfaOperations> {
  const { auth, rest, options } = context;

  return {
    async listFactors(subject) {
      return mapFirebaseFactors(await auth.getUser(subject.userId));
    },

    async enrollTotp(input) {
      const { idToken, verified } = await readOwnIdToken(context, input, 'mfa.enrollTotp');
      const session = await rest.startTotpEnrollment(idToken);
      const algorithm = keyUriAlgorithm(session.hashingAlgorithm);
      // A secret or algorithm an authenticator app cannot use would enroll nobody: refused
      // like any other answer we cannot read (the reason names neither value).
      if (algorithm === undefined || !/^[A-Z2-7]+=*$/i.test(session.sharedSecretKey)) {
        throw new FirebaseRestError({ reason: 'MALFORMED_RESPONSE', status: 200 });
      }
      const label = input.label ?? null;
      const factorId = encodeTotpEnrollmentId({ sessionInfo: session.sessionInfo, label });
      if (factorId.length > maximumFactorIdLength) {
        const fitsWithoutLabel =
          encodeTotpEnrollmentId({ sessionInfo: session.sessionInfo, label: null }).length <=
          maximumFactorIdLength;
        throw new IdentityError(
          fitsWithoutLabel
            ? {
                code: 'INVALID_INPUT',
                provider: 'firebase',
                field: 'input.label',
                message: `Invalid input to mfa.enrollTotp: label is too long to travel with Firebase's enrollment session in the factor id (${maximumFactorIdLength} characters in all)`,
              }
            : {
                code: 'PROVIDER_ERROR',
                provider: 'firebase',
                message: `Firebase's TOTP enrollment session is longer than a factor id can carry (${maximumFactorIdLength} characters)`,
              },
        );
      }
      const secret = session.sharedSecretKey.toUpperCase();
      const email = typeof verified.claims.email === 'string' ? verified.claims.email : null;
      return {
        factorId,
        secret,
        otpauthUri: totpKeyUri({
          issuer: options.totpIssuer ?? options.projectId,
          accountName: email ?? input.userId,
          secret,
          algorithm,
          digits: session.verificationCodeLength,
          periodSeconds: session.periodSec,
        }),
      };
    },

    async confirmEnrollment(input) {
      const { idToken } = await readOwnIdToken(context, input, 'mfa.confirmEnrollment');
      const pending = decodeTotpEnrollmentId(input.factorId);
      // finalize answers only new tokens, not the factor's id: the new factor is the TOTP
      // factor the user did not have before.
      const before = new Set(mapFirebaseFactors(await auth.getUser(input.userId)).map((factor) => factor.id));
      await rest.finalizeTotpEnrollment({
        idToken,
        sessionInfo: pending.sessionInfo,
        verificationCode: input.code,
        ...(pending.label === null ? {} : { displayName: pending.label }),
      });
      const factor = mapFirebaseFactors(await auth.getUser(input.userId))
        .filter((candidate) => candidate.type === 'totp' && !before.has(candidate.id))
        .at(-1);
      if (factor === undefined) {
        throw new IdentityError({
          code: 'PROVIDER_ERROR',
          provider: 'firebase',
          message: 'Firebase accepted the code but lists no new TOTP factor',
        });
      }
      // Firebase issues no recovery codes. The tokens finalize returned are not passed on:
      // the port has no place for them, and the caller's own tokens stay in use.
      return { factor, recoveryCodes: [] };
    },

    async removeFactor(input) {
      const record = await auth.getUser(input.userId);
      const enrolled = record.multiFactor?.enrolledFactors ?? [];
      const remaining = enrolled.filter((factor) => factor.uid !== input.factorId);
      if (remaining.length === enrolled.length) throw factorNotFound();
      if (remaining.some((factor) => factor.factorId !== 'phone')) {
        // firebase-admin writes phone factors only, so rewriting the list would drop (or be
        // refused for) the TOTP factors that stay. withdraw removes exactly one factor.
        const { idToken } = await readOwnIdToken(context, input, 'mfa.removeFactor');
        await rest.withdrawMfaEnrollment({ idToken, mfaEnrollmentId: input.factorId });
        return;
      }
      await auth.updateUser(input.userId, {
        multiFactor: {
          enrolledFactors:
            remaining.length === 0
              ? null
              : remaining.map((factor) => ({
                  uid: factor.uid,
                  factorId: 'phone' as const,
                  phoneNumber: (factor as { phoneNumber?: string }).phoneNumber ?? '',
                  displayName: factor.displayName,
                  enrollmentTime: factor.enrollmentTime,
                })),
        },
      });
    },
  };
}
