/**
 * Emails are compared without regard to case everywhere in idport. New Cognito pools are
 * case-insensitive for usernames but filters and cognito-local are not, so the adapter
 * writes and looks up emails in lower case.
 */
export function normalizeEmail(email: string): string {
  return email.toLowerCase();
}
