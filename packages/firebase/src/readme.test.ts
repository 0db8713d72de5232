import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firebaseOperations, firebaseTotpOperations } from './firebase-capabilities';
import { firebaseAdminErrorCodes, firebaseRestErrorCodes } from './firebase-errors';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

function rowOf(vendorCode: string): string | undefined {
  return readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${vendorCode}\``));
}

describe('README tables match the code', () => {
  it('error tables map every vendor code as the code does', () => {
    const mismatches = [...Object.entries(firebaseRestErrorCodes), ...Object.entries(firebaseAdminErrorCodes)]
      .filter(([vendorCode, code]) => !rowOf(vendorCode)?.includes(`| \`${code}\``))
      .map(([vendorCode]) => vendorCode);
    expect(mismatches).toEqual([]);
  });

  it('capability table names every declared operation', () => {
    for (const operation of [...firebaseOperations, ...firebaseTotpOperations]) {
      const [group, method] = operation.split('.') as [string, string];
      const listed =
        readme.includes(`\`${operation}\``) || (group === 'users' && readme.includes('`users.*`'));
      expect(listed, `${operation} (${method})`).toBe(true);
    }
  });
});
