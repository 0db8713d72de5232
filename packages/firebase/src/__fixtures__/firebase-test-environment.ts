import { createFirebaseProvider, type FirebaseProviderSettings } from '../index';
import { emulatorProjectId } from './start-auth-emulator';

/** Admin access to the emulator that bypasses the adapter: the contract tests' "backdoor". */
export interface EmulatorBackdoor {
  readonly host: string;
  readonly projectId: string;
  /** Deletes every account (DELETE /emulator/v1/projects/{p}/accounts). */
  reset(): Promise<void>;
  /** The latest SMS code sent to this phone number (GET .../verificationCodes). */
  readSmsCode(phoneNumber: string): Promise<string>;
  /** Deletes one account through the emulator's admin REST API (`Bearer owner`), not the adapter. */
  deleteUser(userId: string): Promise<void>;
  /** Switches INVALID_LOGIN_CREDENTIALS (modern projects) on or off. */
  setEmailPrivacy(enabled: boolean): Promise<void>;
}

export function emulatorSettings(
  host: string,
  extra: Partial<FirebaseProviderSettings> = {},
): FirebaseProviderSettings {
  return { projectId: emulatorProjectId, emulatorHost: host, ...extra };
}

export function createEmulatorProvider(host: string, extra: Partial<FirebaseProviderSettings> = {}) {
  return createFirebaseProvider(emulatorSettings(host, extra));
}

export function emulatorBackdoor(host: string, projectId = emulatorProjectId): EmulatorBackdoor {
  const base = `http://${host}/emulator/v1/projects/${projectId}`;
  const check = async (response: Response, what: string) => {
    if (!response.ok) throw new Error(`emulator ${what} answered ${response.status}`);
    return response;
  };
  return {
    host,
    projectId,
    async reset() {
      await check(await fetch(`${base}/accounts`, { method: 'DELETE' }), 'reset');
    },
    async readSmsCode(phoneNumber) {
      const response = await check(await fetch(`${base}/verificationCodes`), 'verificationCodes');
      const body = (await response.json()) as { verificationCodes: { phoneNumber: string; code: string }[] };
      const code = body.verificationCodes.filter((entry) => entry.phoneNumber === phoneNumber).at(-1)?.code;
      if (!code) throw new Error('no SMS code was sent to that number');
      return code;
    },
    async deleteUser(userId) {
      const response = await fetch(
        `http://${host}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:delete`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer owner' },
          body: JSON.stringify({ localId: userId }),
        },
      );
      // An already deleted user is what cleanup wants.
      if (!response.ok && response.status !== 400)
        throw new Error(`emulator delete answered ${response.status}`);
    },
    async setEmailPrivacy(enabled) {
      await check(
        await fetch(`${base}/config`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ emailPrivacyConfig: { enableImprovedEmailPrivacy: enabled } }),
        }),
        'config',
      );
    },
  };
}
