/** The SMS code the Firebase Auth emulator last "sent" to a number (its documented REST backdoor). */
export async function readSmsCode(
  host: string,
  phoneNumber: string,
  projectId = 'demo-test',
): Promise<string> {
  const response = await fetch(`http://${host}/emulator/v1/projects/${projectId}/verificationCodes`);
  if (!response.ok) throw new Error(`emulator verificationCodes answered ${response.status}`);
  const body = (await response.json()) as { verificationCodes: { phoneNumber: string; code: string }[] };
  const code = body.verificationCodes.filter((entry) => entry.phoneNumber === phoneNumber).at(-1)?.code;
  if (!code) throw new Error('no SMS code was sent to that number');
  return code;
}
