import { malformed } from './password-hash-error';

const standardBase64 = /^[A-Za-z0-9+/]*={0,2}$/;
const urlBase64 = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Decodes base64 strictly: Node's decoder silently skips invalid characters, which would
 * turn a corrupt hash into a different, wrong one instead of an error.
 */
export function decodeBase64(value: string, field: string, options: { allowUrl?: boolean } = {}): Buffer {
  const isStandard = standardBase64.test(value);
  if (!isStandard && !(options.allowUrl && urlBase64.test(value))) {
    throw malformed(`${field} is not valid base64`);
  }
  const unpadded = value.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) throw malformed(`${field} is not valid base64`);
  return Buffer.from(unpadded, isStandard ? 'base64' : 'base64url');
}

/** PHC strings use standard base64 without padding. */
export function encodePhcBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

/** Decodes the base64 of a PHC field: standard alphabet, no padding. */
export function decodePhcBase64(value: string, field: string): Buffer {
  if (value.includes('=')) throw malformed(`${field} must be unpadded base64`);
  return decodeBase64(value, field);
}

/** Standard base64 with padding, as Okta, Keycloak and Firebase write it. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Decodes hex (either case), refusing odd lengths and stray characters. */
export function decodeHex(value: string, field: string): Buffer {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(value)) throw malformed(`${field} is not valid hex`);
  return Buffer.from(value, 'hex');
}

const bcryptAlphabet = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const bcryptIndex = new Map([...bcryptAlphabet].map((character, index) => [character, index]));

/** bcrypt's own radix-64 (alphabet `./A-Za-z0-9`, no padding), decoded to `length` bytes. */
export function decodeBcryptBase64(value: string, length: number, field: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let accumulator = 0;
  for (const character of value) {
    const index = bcryptIndex.get(character);
    if (index === undefined) throw malformed(`${field} is not bcrypt base64`);
    accumulator = (accumulator << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((accumulator >> bits) & 0xff);
    }
  }
  if (bytes.length < length) throw malformed(`${field} is too short`);
  // The last character carries a few padding bits; they do not change the value.
  return Buffer.from(bytes.slice(0, length));
}

/** Encodes bytes in bcrypt's radix-64. */
export function encodeBcryptBase64(bytes: Uint8Array): string {
  let output = '';
  let bits = 0;
  let accumulator = 0;
  for (const byte of bytes) {
    accumulator = ((accumulator << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      output += bcryptAlphabet[(accumulator >> bits) & 0x3f];
    }
  }
  if (bits > 0) output += bcryptAlphabet[(accumulator << (6 - bits)) & 0x3f];
  return output;
}
