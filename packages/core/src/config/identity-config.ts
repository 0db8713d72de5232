import type { IdentityEventListener } from '../events/identity-event';
import type { RetryPolicy } from '../retry/retry-policy';
import type { IdentityAdapter } from './identity-adapter';

/** Configuration of {@link createIdentityProvider}: switching vendor is changing `provider`. */
export interface IdentityConfig {
  /** `local`, `firebase`, `cognito`, `keycloak`, `auth0`, `okta`, or a key of `adapters`. */
  provider: string;
  /** The adapter's settings, validated by its schema. */
  settings?: Record<string, unknown>;
  /** Audit listener (no secrets in events). */
  onEvent?: IdentityEventListener;
  /** Retry idempotent operations on retryable errors; on by default, `false` turns it off. */
  retry?: RetryPolicy | false;
  /** Adapters to use instead of importing `@idport/<provider>`, or for custom provider ids. */
  adapters?: Record<string, IdentityAdapter | (() => Promise<{ identityAdapter: IdentityAdapter }>)>;
}
