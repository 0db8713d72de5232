import type { PasswordHashAlgorithm } from '@idport/core';
import { describe, expect, it } from 'vitest';
import { encodePhcBase64 } from './byte-encodings';
import { verifyPortableHash } from './verify-portable-hash';

const b64 = (value: string, encoding: BufferEncoding = 'utf8') =>
  encodePhcBase64(Buffer.from(value, encoding));

interface Vector {
  name: string;
  algorithm: PasswordHashAlgorithm;
  phc: string;
  password: string;
}

/** Checks the vector verifies, and that a one-character change of the password does not. */
function vectors(title: string, list: Vector[]) {
  describe(title, () => {
    for (const vector of list) {
      it(vector.name, async () => {
        const hash = { algorithm: vector.algorithm, phc: vector.phc };
        expect(await verifyPortableHash(vector.password, hash)).toBe(true);
        expect(await verifyPortableHash(`${vector.password}x`, hash)).toBe(false);
      });
    }
  });
}

// RFC 7914 section 12 (scrypt test vectors). The first has an empty password and salt.
vectors('scrypt: RFC 7914 §12', [
  {
    name: 'P="", S="", N=16, r=1, p=1',
    algorithm: 'scrypt',
    password: '',
    phc: `$scrypt$ln=4,r=1,p=1$$${b64(
      '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
      'hex',
    )}`,
  },
  {
    name: 'P="password", S="NaCl", N=1024, r=8, p=16',
    algorithm: 'scrypt',
    password: 'password',
    phc: `$scrypt$ln=10,r=8,p=16$${b64('NaCl')}$${b64(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
      'hex',
    )}`,
  },
  {
    name: 'P="pleaseletmein", S="SodiumChloride", N=16384, r=8, p=1',
    algorithm: 'scrypt',
    password: 'pleaseletmein',
    phc: `$scrypt$ln=14,r=8,p=1$${b64('SodiumChloride')}$${b64(
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
      'hex',
    )}`,
  },
]);

// The sample in Firebase's own firebase/scrypt README (project parameters and one user).
vectors('Firebase scrypt: the firebase/scrypt sample', [
  {
    name: 'user1password, rounds 8, mem_cost 14',
    algorithm: 'firebase-scrypt',
    password: 'user1password',
    phc: `$firebase-scrypt$ln=14,r=8,ss=Bw,sk=jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA$42xEC+ixf3L2lw$lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ`,
  },
]);

// OpenBSD/Openwall crypt_blowfish vectors, PHP's password_verify example ($2y$), and the
// bcrypt example of Auth0's bulk import documentation.
vectors('bcrypt: published vectors', [
  {
    name: 'U*U ($2a$05$)',
    algorithm: 'bcrypt',
    password: 'U*U',
    phc: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
  },
  {
    name: 'U*U*',
    algorithm: 'bcrypt',
    password: 'U*U*',
    phc: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK',
  },
  {
    name: 'U*U*U',
    algorithm: 'bcrypt',
    password: 'U*U*U',
    phc: '$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a',
  },
  {
    name: 'empty password',
    algorithm: 'bcrypt',
    password: '',
    phc: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy',
  },
  {
    name: '$2y$ (PHP password_verify example)',
    algorithm: 'bcrypt',
    password: 'rasmuslerdorf',
    phc: '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a',
  },
  {
    name: '$2b$ (Auth0 import documentation)',
    algorithm: 'bcrypt',
    password: 'hello',
    phc: '$2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K',
  },
]);

describe('bcrypt: 72-byte truncation is kept', () => {
  it('ignores characters after the 72nd, as every bcrypt does (Openwall vector)', async () => {
    const phc = '$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui';
    const password =
      '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored';
    expect(await verifyPortableHash(password, { algorithm: 'bcrypt', phc })).toBe(true);
    expect(await verifyPortableHash(password.slice(0, 72), { algorithm: 'bcrypt', phc })).toBe(true);
    expect(await verifyPortableHash(password.slice(0, 71), { algorithm: 'bcrypt', phc })).toBe(false);
  });
});

// phc-winner-argon2 reference implementation test vectors (src/test.c, "password"/"somesalt").
vectors('argon2: reference implementation vectors', [
  {
    name: 'argon2id v=19 m=65536 t=2 p=1',
    algorithm: 'argon2id',
    password: 'password',
    phc: '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
  },
  {
    name: 'argon2id v=19 m=256 t=2 p=2',
    algorithm: 'argon2id',
    password: 'password',
    phc: '$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc',
  },
  {
    name: 'argon2id, another salt',
    algorithm: 'argon2id',
    password: 'password',
    phc: '$argon2id$v=19$m=65536,t=2,p=1$ZGlmZnNhbHQ$vfMrBczELrFdWP0ZsfhWsRPaHppYdP3MVEMIVlqoFBw',
  },
  {
    name: 'argon2i v=19 m=256 t=2 p=2',
    algorithm: 'argon2i',
    password: 'password',
    phc: '$argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E',
  },
  {
    name: 'argon2i v=19 m=65536 t=1 p=1',
    algorithm: 'argon2i',
    password: 'password',
    phc: '$argon2i$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$0WgHXE2YXhPr6uVgz4uUw7XYoWxRkWtvSsLaOsEbvs8',
  },
  {
    name: 'argon2i version 0x10 (no v=)',
    algorithm: 'argon2i',
    password: 'password',
    phc: '$argon2i$m=256,t=2,p=2$c29tZXNhbHQ$tsEVYKap1h6scGt5ovl9aLRGOqOth+AMB+KwHpDFZPs',
  },
]);

// RFC 6070 (PBKDF2-HMAC-SHA1) and RFC 7914 §11 (PBKDF2-HMAC-SHA256).
vectors('PBKDF2: RFC 6070 and RFC 7914 §11', [
  {
    name: 'SHA-1 c=1',
    algorithm: 'pbkdf2-sha1',
    password: 'password',
    phc: `$pbkdf2-sha1$i=1,l=20$${b64('salt')}$${b64('0c60c80f961f0e71f3a9b524af6012062fe037a6', 'hex')}`,
  },
  {
    name: 'SHA-1 c=2',
    algorithm: 'pbkdf2-sha1',
    password: 'password',
    phc: `$pbkdf2-sha1$i=2,l=20$${b64('salt')}$${b64('ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957', 'hex')}`,
  },
  {
    name: 'SHA-1 c=4096',
    algorithm: 'pbkdf2-sha1',
    password: 'password',
    phc: `$pbkdf2-sha1$i=4096,l=20$${b64('salt')}$${b64('4b007901b765489abead49d926f721d065a429c1', 'hex')}`,
  },
  {
    name: 'SHA-1 c=4096, dkLen=25',
    algorithm: 'pbkdf2-sha1',
    password: 'passwordPASSWORDpassword',
    phc: `$pbkdf2-sha1$i=4096,l=25$${b64('saltSALTsaltSALTsaltSALTsaltSALTsalt')}$${b64('3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038', 'hex')}`,
  },
  {
    name: 'SHA-1 with NUL bytes',
    algorithm: 'pbkdf2-sha1',
    password: 'pass\0word',
    phc: `$pbkdf2-sha1$i=4096,l=16$${b64('sa\0lt')}$${b64('56fa6aa75548099dcc37d7f03425e0c3', 'hex')}`,
  },
  {
    name: 'SHA-256 c=1, dkLen=64',
    algorithm: 'pbkdf2-sha256',
    password: 'passwd',
    phc: `$pbkdf2-sha256$i=1,l=64$${b64('salt')}$${b64(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
      'hex',
    )}`,
  },
  {
    name: 'SHA-256 c=80000, dkLen=64',
    algorithm: 'pbkdf2-sha256',
    password: 'Password',
    phc: `$pbkdf2-sha256$i=80000,l=64$${b64('NaCl')}$${b64(
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d',
      'hex',
    )}`,
  },
  {
    name: 'SHA-512 c=1, dkLen=64 (widely published, no RFC)',
    algorithm: 'pbkdf2-sha512',
    password: 'password',
    phc: `$pbkdf2-sha512$i=1,l=64$${b64('salt')}$${b64(
      '867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce',
      'hex',
    )}`,
  },
]);

// FIPS 180 / RFC 1321 "abc" digests, with the salt as the prefix ("a" + "bc") or suffix ("ab" + "c").
const abc = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  sha512:
    'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
} as const;
vectors(
  'salted digests: FIPS 180 and RFC 1321 "abc"',
  (Object.keys(abc) as (keyof typeof abc)[]).flatMap((algorithm) => [
    {
      name: `${algorithm} prefix salt`,
      algorithm,
      password: 'bc',
      phc: `$${algorithm}$pos=prefix$${b64('a')}$${b64(abc[algorithm], 'hex')}`,
    },
    {
      name: `${algorithm} suffix salt`,
      algorithm,
      password: 'ab',
      phc: `$${algorithm}$pos=suffix$${b64('c')}$${b64(abc[algorithm], 'hex')}`,
    },
    {
      name: `${algorithm} unsalted`,
      algorithm,
      password: 'abc',
      phc: `$${algorithm}$pos=prefix$$${b64(abc[algorithm], 'hex')}`,
    },
  ]),
);

// RFC 2202 (HMAC-MD5, HMAC-SHA1) and RFC 4231 (HMAC-SHA-256/512), test case 2; plus the
// HMAC example of Auth0's bulk import documentation (key "shh" in hex, password "test").
const jefe = {
  'hmac-md5': '750c783e6ab0b503eaa86e310a5db738',
  'hmac-sha1': 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  'hmac-sha256': '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  'hmac-sha512':
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
} as const;
vectors('HMAC: RFC 2202 and RFC 4231 test case 2, Auth0 example', [
  ...(Object.keys(jefe) as (keyof typeof jefe)[]).flatMap((algorithm) => [
    {
      name: `${algorithm} unsalted`,
      algorithm,
      password: 'what do ya want for nothing?',
      phc: `$${algorithm}$key=${b64('Jefe')},pos=prefix$$${b64(jefe[algorithm], 'hex')}`,
    },
    {
      name: `${algorithm} salt as prefix`,
      algorithm,
      password: 'ya want for nothing?',
      phc: `$${algorithm}$key=${b64('Jefe')},pos=prefix$${b64('what do ')}$${b64(jefe[algorithm], 'hex')}`,
    },
  ]),
  {
    name: 'Auth0 hmac sha1 example',
    algorithm: 'hmac-sha1',
    password: 'test',
    phc: `$hmac-sha1$key=${b64('736868', 'hex')},pos=prefix$$cg7f42jH39/2EaAU4wNd4s2lKIk`,
  },
]);

describe('password handling', () => {
  it('hashes the UTF-8 bytes without normalization (vendors do not normalize)', async () => {
    // "é" precomposed (U+00E9) and decomposed (e + U+0301) are different bytes.
    const { createHash } = await import('node:crypto');
    const precomposed = '\u00e9t\u00e9';
    const phc = `$sha256$pos=prefix$$${encodePhcBase64(createHash('sha256').update(precomposed, 'utf8').digest())}`;
    expect(await verifyPortableHash(precomposed, { algorithm: 'sha256', phc })).toBe(true);
    expect(await verifyPortableHash(precomposed.normalize('NFD'), { algorithm: 'sha256', phc })).toBe(false);
  });

  it('never verifies a password beyond the length limit, even against its own hash', async () => {
    const { createHash } = await import('node:crypto');
    const long = 'a'.repeat(5000);
    const phc = `$sha1$pos=prefix$$${encodePhcBase64(createHash('sha1').update(long).digest())}`;
    expect(await verifyPortableHash(long, { algorithm: 'sha1', phc })).toBe(false);
    expect(
      await verifyPortableHash(long, { algorithm: 'sha1', phc }, { limits: { maxPasswordBytes: 8192 } }),
    ).toBe(true);
  });
});
