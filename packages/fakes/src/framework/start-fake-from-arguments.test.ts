import { describe, expect, it } from 'vitest';
import { startFakeFromArguments } from './start-fake-from-arguments';

describe('idport-fake CLI arguments', () => {
  it('starts the Keycloak fake on the given host, serves discovery, and stops', async () => {
    const started = await startFakeFromArguments(
      ['keycloak', '--quiet', '--spec-check', 'enforce'],
      () => undefined,
    );
    if (!started) throw new Error('not started');
    try {
      const response = await fetch(`${started.url}/realms/idport/.well-known/openid-configuration`);
      expect(((await response.json()) as { issuer: string }).issuer).toBe(`${started.url}/realms/idport`);
      expect(started.server.specCheck).toBe('enforce');
    } finally {
      await started.stop();
    }
    await expect(fetch(`${started.url}/realms/idport/.well-known/openid-configuration`)).rejects.toThrow();
  });

  it('prints the usage for an unknown vendor', async () => {
    const lines: string[] = [];
    expect(await startFakeFromArguments(['nope'], (line) => lines.push(line))).toBeNull();
    expect(lines[0]).toMatch(/^Usage: idport-fake keycloak/);
  });
});
