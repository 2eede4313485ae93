import { DomainError } from '../../platform/errors.js';

/** Shortest purpose that says something (回访, 核实…); the schemas ask the same of the untrimmed text. */
const MIN_PURPOSE = 2;

/**
 * The purpose someone states before personal data or evidence is shown to them (a full
 * phone number, a photo's original): trimmed, for the audit row; a blank one is refused
 * as a field error, so the UI can point at it.
 */
export function statedPurpose(raw: string): string {
  const purpose = raw.trim();
  if (purpose.length < MIN_PURPOSE) {
    throw new DomainError('validation', {}, [{ field: 'purpose', code: 'minLength', params: { limit: MIN_PURPOSE } }]);
  }
  return purpose;
}
