/**
 * A fake clock for the simulation: `new Date()` and `Date.now()` answer the simulated instant
 * while it is installed, so the real app (whose routes read the time with `new Date()`) runs a
 * month in minutes. Dates made with arguments are real dates; `instanceof Date` holds for both.
 */
export interface FakeClock {
  set(at: Date | number): void;
  now(): number;
  restore(): void;
}

export function installFakeClock(start: Date): FakeClock {
  const RealDate = globalThis.Date;
  let current = start.getTime();
  class SimulatedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(current);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return current;
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate;
    }
  }
  globalThis.Date = SimulatedDate as DateConstructor;
  return {
    set: (at) => {
      current = typeof at === 'number' ? at : at.getTime();
    },
    now: () => current,
    restore: () => {
      globalThis.Date = RealDate;
    },
  };
}
