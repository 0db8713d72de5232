/** A command line the CLI cannot run (unknown command, missing or bad option): exit code 2. */
export class UsageError extends Error {}
