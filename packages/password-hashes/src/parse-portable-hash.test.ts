import type { PasswordHashAlgorithm, PortablePasswordHash } from '@idport/core';
import { describe, expect, it } from 'vitest';
import { createPortableHash, type PasswordHashSpecification } from './create-portable-hash';
import { formatPortableHash } from './format-portable-hash';
import { parsePortableHash, supportedAlgorithms } from './parse-portable-hash';
import { PasswordHashError, type PasswordHashErrorCode } from './password-hash-error';
import { verifyPortableHash } from './verify-portable-hash';

const salt16 = 'c29tZXNhbHRzb21lc2FsdA'; // 16 bytes
const hash32 = 'CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc'; // 32 bytes

function refusal(action: () => unknown): PasswordHashError {
  try {
    action();
  } catch (error) {
    if (PasswordHashError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a PasswordHashError, but the call succeeded');
}

const cases: [string, PortablePasswordHash, PasswordHashErrorCode][] = [
  ['not a PHC string', { algorithm: 'scrypt', phc: 'scrypt:abc' }, 'MALFORMED_HASH'],
  ['unknown scheme', { algorithm: 'scrypt', phc: '$yescrypt$j9T$abc$def' }, 'UNSUPPORTED_HASH'],
  [
    'unknown algorithm label',
    { algorithm: 'md4' as PasswordHashAlgorithm, phc: '$md4$pos=prefix$$AAAAAAAAAAAAAAAAAAAAAA' },
    'UNSUPPORTED_HASH',
  ],
  [
    'label and string disagree',
    { algorithm: 'argon2i', phc: `$argon2id$v=19$m=256,t=2,p=1$${salt16}$${hash32}` },
    'ALGORITHM_MISMATCH',
  ],
  [
    'argon2d is not supported',
    { algorithm: 'argon2id', phc: `$argon2d$v=19$m=256,t=2,p=1$${salt16}$${hash32}` },
    'UNSUPPORTED_HASH',
  ],
  [
    'argon2 unknown version',
    { algorithm: 'argon2id', phc: `$argon2id$v=20$m=256,t=2,p=1$${salt16}$${hash32}` },
    'UNSUPPORTED_HASH',
  ],
  [
    'argon2 missing parameter',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=256,t=2$${salt16}$${hash32}` },
    'MALFORMED_HASH',
  ],
  [
    'argon2 duplicate parameter',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=256,t=2,p=1,p=1$${salt16}$${hash32}` },
    'MALFORMED_HASH',
  ],
  [
    'argon2 secret key id is not supported',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=256,t=2,p=1,keyid=abc$${salt16}$${hash32}` },
    'UNSUPPORTED_HASH',
  ],
  [
    'leading zero in a number',
    { algorithm: 'scrypt', phc: `$scrypt$ln=014,r=8,p=1$${salt16}$${hash32}` },
    'MALFORMED_HASH',
  ],
  [
    'negative number',
    { algorithm: 'scrypt', phc: `$scrypt$ln=-1,r=8,p=1$${salt16}$${hash32}` },
    'MALFORMED_HASH',
  ],
  [
    'invalid base64 character in the hash',
    { algorithm: 'scrypt', phc: `$scrypt$ln=14,r=8,p=1$${salt16}$${hash32.slice(0, -1)}!` },
    'MALFORMED_HASH',
  ],
  [
    'padded base64 in a PHC field',
    { algorithm: 'scrypt', phc: `$scrypt$ln=14,r=8,p=1$${salt16}==$${hash32}` },
    'MALFORMED_HASH',
  ],
  [
    'hash too short to be safe',
    { algorithm: 'scrypt', phc: `$scrypt$ln=14,r=8,p=1$${salt16}$AAAA` },
    'MALFORMED_HASH',
  ],
  ['missing hash field', { algorithm: 'scrypt', phc: `$scrypt$ln=14,r=8,p=1$${salt16}` }, 'MALFORMED_HASH'],
  [
    'extra field',
    { algorithm: 'scrypt', phc: `$scrypt$ln=14,r=8,p=1$${salt16}$${hash32}$x` },
    'MALFORMED_HASH',
  ],
  [
    'digest of the wrong length',
    { algorithm: 'sha256', phc: `$sha256$pos=prefix$$${hash32.slice(0, 22)}` },
    'MALFORMED_HASH',
  ],
  [
    'salt position neither prefix nor suffix',
    { algorithm: 'md5', phc: '$md5$pos=middle$$AAAAAAAAAAAAAAAAAAAAAA' },
    'MALFORMED_HASH',
  ],
  [
    'hmac without key',
    { algorithm: 'hmac-sha256', phc: `$hmac-sha256$pos=prefix$$${hash32}` },
    'MALFORMED_HASH',
  ],
  [
    'pbkdf2 "l" disagrees with the hash',
    { algorithm: 'pbkdf2-sha256', phc: `$pbkdf2-sha256$i=1000,l=64$${salt16}$${hash32}` },
    'MALFORMED_HASH',
  ],
  [
    'pbkdf2 with an unsupported digest',
    { algorithm: 'pbkdf2-sha256', phc: `$pbkdf2-md5$i=1000$${salt16}$${hash32}` },
    'UNSUPPORTED_HASH',
  ],
  [
    'bcrypt cost below 4',
    { algorithm: 'bcrypt', phc: '$2b$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
    'MALFORMED_HASH',
  ],
  [
    'bcrypt $2x$ (the 8-bit bug variant)',
    { algorithm: 'bcrypt', phc: '$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
    'UNSUPPORTED_HASH',
  ],
  [
    'bcrypt truncated',
    { algorithm: 'bcrypt', phc: '$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe' },
    'MALFORMED_HASH',
  ],
  [
    'Firebase hash not as long as the signer key',
    {
      algorithm: 'firebase-scrypt',
      phc: `$firebase-scrypt$ln=14,r=8,ss=Bw,sk=${hash32}$${salt16}$${hash32}AAAA`,
    },
    'MALFORMED_HASH',
  ],
  // Denial-of-service guards: every one of these is a valid hash that would cost too much.
  [
    'scrypt memory of 1 GiB',
    { algorithm: 'scrypt', phc: `$scrypt$ln=20,r=8,p=1$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'scrypt work N·r·p too high',
    { algorithm: 'scrypt', phc: `$scrypt$ln=14,r=8,p=1000$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'scrypt ln=0',
    { algorithm: 'scrypt', phc: `$scrypt$ln=0,r=8,p=1$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'Firebase mem_cost beyond 14',
    {
      algorithm: 'firebase-scrypt',
      phc: `$firebase-scrypt$ln=15,r=8,ss=Bw,sk=${hash32}$${salt16}$${hash32}`,
    },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'bcrypt cost 31',
    { algorithm: 'bcrypt', phc: '$2b$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'argon2 memory of 4 GiB',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=4194304,t=2,p=1$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'argon2 a million passes',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=256,t=1000000,p=1$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'argon2 256 MiB × 8 passes',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=262144,t=8,p=1$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'PBKDF2 just over two million iterations',
    { algorithm: 'pbkdf2-sha512', phc: `$pbkdf2-sha512$i=2000001$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'argon2 255 lanes',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=65536,t=1,p=255$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'argon2 salt under 8 bytes',
    { algorithm: 'argon2id', phc: `$argon2id$v=19$m=256,t=2,p=1$c2FsdA$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'PBKDF2 ten million iterations',
    { algorithm: 'pbkdf2-sha256', phc: `$pbkdf2-sha256$i=10000000$${salt16}$${hash32}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'PBKDF2 long output multiplies the work',
    { algorithm: 'pbkdf2-sha1', phc: `$pbkdf2-sha1$i=1000000$${salt16}$${'A'.repeat(342)}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
  [
    'salt over 1024 bytes',
    { algorithm: 'sha1', phc: `$sha1$pos=prefix$${'A'.repeat(1400)}$${'A'.repeat(27)}` },
    'PARAMETERS_OUT_OF_BOUNDS',
  ],
];

describe('refusal of malformed, unsupported and too costly hashes', () => {
  for (const [name, hash, code] of cases) {
    it(`${name} → ${code}`, async () => {
      expect(refusal(() => parsePortableHash(hash)).code).toBe(code);
      // verifyPortableHash refuses the same way, before doing any work.
      await expect(verifyPortableHash('password', hash)).rejects.toMatchObject({ code });
    });
  }

  it('never puts the hash, salt or key in the error message', () => {
    const secretKey = 'c2VjcmV0LWtleS1tYXRlcmlhbA';
    const error = refusal(() =>
      parsePortableHash({
        algorithm: 'hmac-sha256',
        phc: `$hmac-sha256$key=${secretKey},pos=middle$${salt16}$${hash32}`,
      }),
    );
    expect(error.message).not.toContain(secretKey);
    expect(error.message).not.toContain(salt16);
    expect(error.message).not.toContain(hash32);
  });

  it('refuses things that are not hashes at all', () => {
    for (const value of [
      null,
      undefined,
      42,
      'string',
      { algorithm: 'scrypt' },
      { algorithm: 'scrypt', phc: 7 },
    ]) {
      expect(refusal(() => parsePortableHash(value as unknown as PortablePasswordHash)).code).toBe(
        'MALFORMED_HASH',
      );
    }
  });

  it('lets callers raise a limit on purpose', () => {
    const hash: PortablePasswordHash = {
      algorithm: 'bcrypt',
      phc: '$2b$16$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW',
    };
    expect(refusal(() => parsePortableHash(hash)).code).toBe('PARAMETERS_OUT_OF_BOUNDS');
    expect(parsePortableHash(hash, { limits: { maxBcryptCost: 16 } }).algorithm).toBe('bcrypt');
  });
});

const specifications: PasswordHashSpecification[] = [
  { algorithm: 'scrypt', logN: 10, blockSize: 8, parallelization: 1 },
  {
    algorithm: 'firebase-scrypt',
    memoryCost: 10,
    rounds: 8,
    saltSeparator: Buffer.from([7]),
    signerKey: Buffer.from('a project signer key of 64 bytes, as Firebase projects have.....'),
  },
  { algorithm: 'bcrypt', version: '2b', cost: 4 },
  { algorithm: 'bcrypt', version: '2y', cost: 4 },
  { algorithm: 'bcrypt', version: '2a', cost: 4 },
  { algorithm: 'argon2id', version: 19, memoryKib: 256, iterations: 2, parallelism: 1 },
  { algorithm: 'argon2i', version: 19, memoryKib: 256, iterations: 2, parallelism: 2 },
  { algorithm: 'argon2i', version: 16, memoryKib: 256, iterations: 2, parallelism: 1 },
  { algorithm: 'pbkdf2-sha1', iterations: 1000 },
  { algorithm: 'pbkdf2-sha256', iterations: 1000, hashLength: 64 },
  { algorithm: 'pbkdf2-sha512', iterations: 1000 },
  { algorithm: 'md5', saltPosition: 'prefix' },
  { algorithm: 'sha1', saltPosition: 'suffix' },
  { algorithm: 'sha256', saltPosition: 'prefix', salt: Buffer.alloc(0) },
  { algorithm: 'sha512', saltPosition: 'suffix' },
  { algorithm: 'hmac-md5', key: Buffer.from('k'), saltPosition: 'prefix' },
  { algorithm: 'hmac-sha1', key: Buffer.from('key'), saltPosition: 'suffix' },
  { algorithm: 'hmac-sha256', key: Buffer.from('project key'), saltPosition: 'prefix' },
  {
    algorithm: 'hmac-sha512',
    key: Buffer.from('project key'),
    saltPosition: 'suffix',
    salt: Buffer.alloc(0),
  },
];

describe('create → verify → parse → format round trips', () => {
  it('covers every supported algorithm', () => {
    expect(new Set(specifications.map((specification) => specification.algorithm))).toEqual(
      new Set(supportedAlgorithms),
    );
  });

  for (const specification of specifications) {
    const label = `${specification.algorithm}${'version' in specification ? ` ${specification.version}` : ''}`;
    it(label, async () => {
      const password = 'correct horse \u00e9 battery';
      const hash = await createPortableHash(password, specification);
      expect(hash.algorithm).toBe(specification.algorithm);
      expect(hash.phc).not.toContain(password);
      expect(await verifyPortableHash(password, hash)).toBe(true);
      expect(await verifyPortableHash('correct horse \u00e9 batterY', hash)).toBe(false);
      expect(formatPortableHash(parsePortableHash(hash))).toEqual(hash);
    });
  }
});

describe('limits leave room for every vendor default we know', () => {
  const hash64 = `${hash32}${hash32}`.slice(0, 86);
  const defaults: [string, PortablePasswordHash][] = [
    ['local scrypt N=2^17 r=8', { algorithm: 'scrypt', phc: `$scrypt$ln=17,r=8,p=1$${salt16}$${hash32}` }],
    [
      'Firebase rounds 8, mem_cost 14',
      {
        algorithm: 'firebase-scrypt',
        phc: `$firebase-scrypt$ln=14,r=8,ss=Bw,sk=${hash64}$${salt16}$${hash64}`,
      },
    ],
    [
      'bcrypt cost 12',
      { algorithm: 'bcrypt', phc: '$2b$12$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' },
    ],
    [
      'Keycloak argon2id m=7168 t=5',
      { algorithm: 'argon2id', phc: `$argon2id$v=19$m=7168,t=5,p=1$${salt16}$${hash32}` },
    ],
    [
      'argon2 npm package m=65536 t=3 p=4',
      { algorithm: 'argon2id', phc: `$argon2id$v=19$m=65536,t=3,p=4$${salt16}$${hash32}` },
    ],
    [
      'OWASP PBKDF2-SHA1 1,300,000',
      { algorithm: 'pbkdf2-sha1', phc: `$pbkdf2-sha1$i=1300000$${salt16}$${hash32.slice(0, 27)}` },
    ],
    [
      'OWASP PBKDF2-SHA256 600,000',
      { algorithm: 'pbkdf2-sha256', phc: `$pbkdf2-sha256$i=600000$${salt16}$${hash32}` },
    ],
    [
      'Keycloak PBKDF2-SHA512 210,000 × 64 B',
      { algorithm: 'pbkdf2-sha512', phc: `$pbkdf2-sha512$i=210000$${salt16}$${hash64}` },
    ],
    [
      'Auth0 PBKDF2 default 100,000 × 64 B (SHA-256: 2 blocks)',
      { algorithm: 'pbkdf2-sha256', phc: `$pbkdf2-sha256$i=100000,l=64$${salt16}$${hash64}` },
    ],
  ];
  for (const [name, hash] of defaults) {
    it(name, () => {
      expect(parsePortableHash(hash).algorithm).toBe(hash.algorithm);
    });
  }
});
