// The ReportError a piece of work stops with; a test fails when it does not stop, or stops with another error.
import { expect } from 'vitest';
import { ReportError } from '../../pipeline/errors.ts';

export async function reportFailure(work: () => Promise<unknown>): Promise<ReportError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportError);
    return error as ReportError;
  }
  throw new Error('expected the work to stop with a ReportError');
}
