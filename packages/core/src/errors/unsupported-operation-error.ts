import { IdentityError } from './identity-error';

/** Thrown when an operation the provider's capability manifest does not declare is called. */
export class UnsupportedOperationError extends IdentityError {
  override readonly name = 'UnsupportedOperationError';
  readonly operation: string;

  constructor(options: { provider: string; operation: string; reason?: string }) {
    super({
      code: 'UNSUPPORTED_OPERATION',
      provider: options.provider,
      message: `${options.operation} is not supported by the ${options.provider} provider${
        options.reason ? `: ${options.reason}` : ''
      }`,
    });
    this.operation = options.operation;
  }

  static override isInstance(value: unknown): value is UnsupportedOperationError {
    return IdentityError.isInstance(value) && value.code === 'UNSUPPORTED_OPERATION';
  }
}
