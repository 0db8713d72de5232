import { describe, expect, it } from 'vitest';
import { keyUriAlgorithm, totpKeyUri } from './totp-key-uri';

describe('TOTP key URI', () => {
  it.each([
    ['SHA1', 'SHA1'],
    ['HMAC_SHA1', 'SHA1'],
    ['hmac-sha256', 'SHA256'],
    ['SHA512', 'SHA512'],
    ['MD5', undefined],
  ])('reads Google hashingAlgorithm %s as %s', (googleName, expected) => {
    expect(keyUriAlgorithm(googleName)).toBe(expected);
  });

  it('encodes issuer and account in the label and drops base32 padding from the secret', () => {
    const uri = totpKeyUri({
      issuer: 'Acme & Co',
      accountName: 'ada+mfa@example.com',
      secret: 'JBSWY3DPEHPK3PXP====',
      algorithm: 'SHA256',
      digits: 8,
      periodSeconds: 60,
    });
    expect(uri.startsWith('otpauth://totp/Acme%20%26%20Co:ada%2Bmfa%40example.com?')).toBe(true);
    expect(Object.fromEntries(new URL(uri).searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Acme & Co',
      algorithm: 'SHA256',
      digits: '8',
      period: '60',
    });
  });
});
