import { createHash } from 'node:crypto';

/**
 * The secret key of every test app and of the test templates' demo county (sealed under it at
 * template time), so a test can reveal a demo person. Tests only; an installation has its own.
 */
export const TEST_SECRET_KEY = createHash('sha256').update('yiwang tests only').digest();
