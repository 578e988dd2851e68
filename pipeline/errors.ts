/** An error caused by the user's input or arguments: the CLI prints its message as one line and exits 1, no stack trace. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
