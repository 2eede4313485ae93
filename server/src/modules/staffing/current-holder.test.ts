import { describe, expect, it } from 'vitest';
import { currentHolder } from './current-holder.js';

const post = { holderUserId: 'A', backupUserId: 'B' };
const day = (d: number, h = 0) => new Date(Date.UTC(2026, 10, d, h));

describe('currentHolder (A/B posts)', () => {
  it('is the holder when nobody is away', () => {
    expect(currentHolder(post, [], day(23))).toEqual({ userId: 'A', by: 'holder' });
  });

  it('hands the post to the backup for exactly the holder’s absence', () => {
    const away = { userId: 'A', startsAt: day(23), endsAt: day(25) };
    expect(currentHolder(post, [away], day(22, 23)).userId).toBe('A');
    expect(currentHolder(post, [away], day(23))).toMatchObject({ userId: 'B', by: 'backup' });
    expect(currentHolder(post, [away], day(24, 12)).userId).toBe('B');
    expect(currentHolder(post, [away], day(25)).userId).toBe('A');
  });

  it('ignores other people’s absences and reports an uncovered post when both are away', () => {
    const absences = [
      { userId: 'C', startsAt: day(1), endsAt: day(30) },
      { userId: 'A', startsAt: day(20), endsAt: day(26) },
      { userId: 'B', startsAt: day(24), endsAt: day(27) },
    ];
    expect(currentHolder(post, absences, day(22)).userId).toBe('B');
    expect(currentHolder(post, absences, day(24))).toMatchObject({ userId: null, by: 'nobody' });
    expect(currentHolder(post, absences, day(26)).userId).toBe('A');
  });
});
