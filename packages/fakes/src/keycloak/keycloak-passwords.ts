import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2d, argon2i, argon2id } from 'hash-wasm';

/** A stored credential in Keycloak's representation (JSON strings, as the admin API carries them). */
export interface StoredCredential {
  id: string;
  type: string;
  userLabel?: string;
  createdDate: number;
  /** JSON: `{"value","salt","additionalParameters"}` for passwords, `{"value"}` for OTP. */
  secretData: string;
  /** JSON: `{"hashIterations","algorithm","additionalParameters"}` or the OTP parameters. */
  credentialData: string;
  priority: number;
}

/** Password hashing parameters of a realm (its `hashAlgorithm(...)` and `hashIterations(...)` policy). */
export interface HashSettings {
  readonly algorithm: string;
  readonly iterations: number | null;
}

const pbkdf2Digests: Record<string, { digest: string; keyLength: number; iterations: number }> = {
  // Keycloak's defaults per provider (Pbkdf2*PasswordHashProviderFactory).
  pbkdf2: { digest: 'sha1', keyLength: 64, iterations: 1_300_000 },
  'pbkdf2-sha256': { digest: 'sha256', keyLength: 64, iterations: 600_000 },
  'pbkdf2-sha512': { digest: 'sha512', keyLength: 64, iterations: 210_000 },
};

/** Keycloak 26's default argon2 parameters (Argon2PasswordHashProviderFactory). */
const argon2Defaults = {
  type: 'id',
  version: '1.3',
  hashLength: 32,
  memory: 7168,
  iterations: 5,
  parallelism: 1,
};

function parse(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function firstParameter(parameters: unknown, name: string): string | undefined {
  const value = (parameters as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Hashes a password as Keycloak stores it: returns `secretData` and `credentialData` JSON. */
export async function hashPassword(
  password: string,
  settings: HashSettings,
): Promise<{ secretData: string; credentialData: string }> {
  const salt = randomBytes(16);
  if (settings.algorithm === 'argon2') {
    const iterations = settings.iterations ?? argon2Defaults.iterations;
    const hash = await argon2id({
      password,
      salt,
      iterations,
      memorySize: argon2Defaults.memory,
      parallelism: argon2Defaults.parallelism,
      hashLength: argon2Defaults.hashLength,
      outputType: 'binary',
    });
    return {
      secretData: JSON.stringify({
        value: Buffer.from(hash).toString('base64'),
        salt: salt.toString('base64'),
        additionalParameters: {},
      }),
      credentialData: JSON.stringify({
        hashIterations: iterations,
        algorithm: 'argon2',
        additionalParameters: {
          hashLength: [String(argon2Defaults.hashLength)],
          memory: [String(argon2Defaults.memory)],
          type: [argon2Defaults.type],
          version: [argon2Defaults.version],
          parallelism: [String(argon2Defaults.parallelism)],
        },
      }),
    };
  }
  const pbkdf2 = pbkdf2Digests[settings.algorithm];
  if (!pbkdf2) throw new Error(`unsupported hash algorithm ${settings.algorithm}`);
  const iterations = settings.iterations ?? pbkdf2.iterations;
  const value = pbkdf2Sync(password, salt, iterations, pbkdf2.keyLength, pbkdf2.digest);
  return {
    secretData: JSON.stringify({
      value: value.toString('base64'),
      salt: salt.toString('base64'),
      additionalParameters: {},
    }),
    credentialData: JSON.stringify({
      hashIterations: iterations,
      algorithm: settings.algorithm,
      additionalParameters: {},
    }),
  };
}

/**
 * Checks a password against a stored (possibly imported) hash. Supports what Keycloak ships:
 * pbkdf2 (SHA-1), pbkdf2-sha256, pbkdf2-sha512 and argon2 (id, i, d). Key length is taken
 * from the stored value, so hashes imported from other systems verify too.
 */
export async function verifyPassword(password: string, credential: StoredCredential): Promise<boolean> {
  const secret = parse(credential.secretData);
  const data = parse(credential.credentialData);
  const algorithm = String(data.algorithm ?? '');
  const iterations = Number(data.hashIterations);
  if (typeof secret.value !== 'string' || typeof secret.salt !== 'string') return false;
  const stored = Buffer.from(secret.value, 'base64');
  const salt = Buffer.from(secret.salt, 'base64');
  if (algorithm === 'argon2') {
    const parameters = data.additionalParameters;
    const type = firstParameter(parameters, 'type') ?? argon2Defaults.type;
    const hasher = type === 'i' ? argon2i : type === 'd' ? argon2d : argon2id;
    const hash = await hasher({
      password,
      salt,
      iterations: Number.isFinite(iterations) ? iterations : argon2Defaults.iterations,
      memorySize: Number(firstParameter(parameters, 'memory') ?? argon2Defaults.memory),
      parallelism: Number(firstParameter(parameters, 'parallelism') ?? argon2Defaults.parallelism),
      hashLength: stored.length,
      outputType: 'binary',
    });
    return stored.length > 0 && timingSafeEqual(Buffer.from(hash), stored);
  }
  const pbkdf2 = pbkdf2Digests[algorithm];
  if (!pbkdf2 || !Number.isInteger(iterations) || iterations < 1 || stored.length === 0) return false;
  const computed = pbkdf2Sync(password, salt, iterations, stored.length, pbkdf2.digest);
  return timingSafeEqual(computed, stored);
}

/** A password policy violation, with Keycloak's message key and English text. */
export interface PolicyViolation {
  readonly messageKey: string;
  readonly message: string;
}

/** A parsed realm password policy (`length(8) and digits(1) and hashAlgorithm(pbkdf2-sha256)`). */
export interface PasswordPolicy {
  readonly rules: ReadonlyMap<string, string>;
  readonly hash: HashSettings;
}

/** Parses Keycloak's password policy string. */
export function parsePasswordPolicy(policy: string | undefined): PasswordPolicy {
  const rules = new Map<string, string>();
  for (const part of (policy ?? '').split(/\s+and\s+/)) {
    const match = /^\s*([A-Za-z]+)\s*(?:\(([^)]*)\))?\s*$/.exec(part);
    if (match?.[1]) rules.set(match[1], match[2] ?? '');
  }
  const iterations = rules.has('hashIterations') ? Number(rules.get('hashIterations')) : null;
  return {
    rules,
    hash: { algorithm: rules.get('hashAlgorithm') || 'argon2', iterations },
  };
}

function count(password: string, pattern: RegExp): number {
  return (password.match(pattern) ?? []).length;
}

/** The first rule the password breaks, in Keycloak's message format; null when it passes. */
export function checkPasswordPolicy(
  policy: PasswordPolicy,
  password: string,
  user: { username: string; email?: string | undefined },
): PolicyViolation | null {
  const number = (name: string, fallback: number) => {
    const value = Number(policy.rules.get(name));
    return Number.isFinite(value) && policy.rules.get(name) !== '' ? value : fallback;
  };
  if (policy.rules.has('length') && password.length < number('length', 8)) {
    const minimum = number('length', 8);
    return {
      messageKey: 'invalidPasswordMinLengthMessage',
      message: `Invalid password: minimum length ${minimum}.`,
    };
  }
  if (policy.rules.has('maxLength') && password.length > number('maxLength', 64)) {
    const maximum = number('maxLength', 64);
    return {
      messageKey: 'invalidPasswordMaxLengthMessage',
      message: `Invalid password: maximum length ${maximum}.`,
    };
  }
  const minimums: [string, RegExp, string, string][] = [
    ['digits', /\d/g, 'invalidPasswordMinDigitsMessage', 'numerical digits'],
    ['lowerCase', /[a-z]/g, 'invalidPasswordMinLowerCaseCharsMessage', 'lower case characters'],
    ['upperCase', /[A-Z]/g, 'invalidPasswordMinUpperCaseCharsMessage', 'upper case characters'],
    ['specialChars', /[^A-Za-z0-9]/g, 'invalidPasswordMinSpecialCharsMessage', 'special characters'],
  ];
  for (const [rule, pattern, messageKey, what] of minimums) {
    if (!policy.rules.has(rule)) continue;
    const minimum = number(rule, 1);
    if (count(password, pattern) < minimum) {
      return { messageKey, message: `Invalid password: must contain at least ${minimum} ${what}.` };
    }
  }
  if (policy.rules.has('notUsername') && password.toLowerCase() === user.username.toLowerCase()) {
    return {
      messageKey: 'invalidPasswordNotUsernameMessage',
      message: 'Invalid password: must not be equal to the username.',
    };
  }
  if (policy.rules.has('notEmail') && user.email && password.toLowerCase() === user.email.toLowerCase()) {
    return {
      messageKey: 'invalidPasswordNotEmailMessage',
      message: 'Invalid password: must not be equal to the email.',
    };
  }
  return null;
}
