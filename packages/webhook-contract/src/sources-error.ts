/** A sources file that cannot be used; the message names the file and the field, never a secret's value. */
export class SourcesConfigError extends Error {
  readonly code = 'INLET_SOURCES_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SourcesConfigError';
  }
}
