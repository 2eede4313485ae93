import { describe, expect, it } from 'vitest';
import { backoffMs, parseSse } from './change-stream';
import { fitStage } from './fit';

describe('fitStage', () => {
  it('scales the 1920×1080 design by the smaller ratio and letterboxes, never stretching', () => {
    expect(fitStage(1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
    expect(fitStage(3840, 2160)).toEqual({ scale: 2, left: 0, top: 0 });
    // A taller screen: bars above and below.
    expect(fitStage(1920, 1200)).toEqual({ scale: 1, left: 0, top: 60 });
    // A wider one (32:9): bars left and right.
    expect(fitStage(3840, 1080)).toEqual({ scale: 1, left: 960, top: 0 });
    expect(fitStage(0, 0)).toEqual({ scale: 1, left: 0, top: 0 });
  });
});

describe('parseSse', () => {
  it('answers complete events and keeps the unfinished rest; skips heartbeats', () => {
    const { events, rest } = parseSse('retry: 3000\n\n: heartbeat\n\nid: 7\nevent: changed\ndata: {}\n\nid: 8\nev');
    expect(events).toEqual([
      { id: null, event: 'message', data: '', retry: 3000 },
      { id: '7', event: 'changed', data: '{}', retry: null },
    ]);
    expect(rest).toBe('id: 8\nev');
    expect(parseSse(`${rest}ent: changed\ndata: {}\n\n`).events[0]).toMatchObject({ id: '8', event: 'changed' });
  });

  it('reads CRLF line ends', () => {
    expect(parseSse('id: 1\r\nevent: changed\r\n\r\n').events).toEqual([
      { id: '1', event: 'changed', data: '', retry: null },
    ]);
  });
});

describe('backoffMs', () => {
  it('doubles from 1 s and stops at 30 s', () => {
    expect([0, 1, 2, 5, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 30_000, 30_000]);
  });
});
