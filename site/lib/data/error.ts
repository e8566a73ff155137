// The one error type of the site's data reading: a data problem that stops the build
// with its message alone (dataset, column, what was expected, what was found, the file).

/** A data problem that should stop the build with its message alone. */
export class DatasetError extends Error {
  override name = 'DatasetError';

  constructor(message: string) {
    super(message);
    // The message says all there is to say; a stack into the build's chunks would only bury it.
    this.stack = `${this.name}: ${message}`;
  }
}
