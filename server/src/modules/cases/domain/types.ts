import type { HandlingLevel } from '@yiwang/contracts';

/**
 * Small rules over the shared vocabulary (`@yiwang/contracts/vocabulary`: levels, categories,
 * labels, points), which the case domain and the matter catalog import from there.
 */

/** The level above, or null at the top: escalation goes community → town → city. */
export function levelAbove(level: HandlingLevel): HandlingLevel | null {
  switch (level) {
    case 'community':
      return 'town';
    case 'town':
      return 'city';
    case 'city':
      return null;
    default:
      return assertUnreachable(level);
  }
}

/** Makes a switch exhaustive: a new member of the union fails to compile until handled. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
