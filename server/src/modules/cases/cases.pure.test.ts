import { haversineMeters } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../platform/phone.js';
import { formatCaseCode } from './case-code.js';
import { reportCase } from './domain/workflow.js';
import type { CaseSnapshot } from './domain/workflow-types.js';
import { loadSnapshot, storeSnapshot } from './snapshot-json.js';
import { duplicateBox, intakeLockKeys } from './use-cases/find-duplicates.js';

describe('case codes and masked phones', () => {
  it('numbers cases by the China-local day of the report', () => {
    expect(formatCaseCode(new Date('2026-11-23T03:00:00Z'), 123)).toBe('YW20261123-000123');
    // 23:30 UTC is already the next morning in China.
    expect(formatCaseCode(new Date('2026-11-22T23:30:00Z'), 1)).toBe('YW20261123-000001');
    expect(formatCaseCode(new Date('2026-11-23T03:00:00Z'), 1234567)).toBe('YW20261123-1234567');
  });

  it('masks all but the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('861******5678');
    expect(maskPhone('0510-86801234')).toBe('051*****1234');
    expect(maskPhone('12345')).toBe('*2345');
  });
});

describe('stored snapshots', () => {
  it('round-trip every date field through JSON', () => {
    const at = (minutes: number) => new Date(Date.UTC(2026, 4, 12, 2, minutes));
    const full: CaseSnapshot = {
      ...reportCase(
        {
          id: 'c1',
          matterCode: 'CG-0101',
          level: 'town',
          commandUnitId: 'cc',
          reporterUserId: 'u1',
          needsOnSiteVerification: true,
          channel: 'resident',
        },
        at(0),
      ).snapshot,
      state: 'accepted',
      assignedUnitId: 'urban',
      assistingUnitIds: ['power'],
      handleDueAt: at(600),
      pendingReturn: { unitId: 'urban', reason: 'x', at: at(5), byUserId: 'u2' },
      hold: { fromState: 'accepted', reason: 'y', since: at(6), reviewAt: at(9000) },
      extensions: [
        {
          requestedAt: at(7),
          requestedByUserId: 'u2',
          extra: { unit: 'working_days', amount: 1 },
          reason: 'z',
          status: 'approved',
          decidedAt: at(8),
          decidedByUserId: 'u3',
          previousDueAt: at(600),
          newDueAt: at(900),
        },
      ],
      whistle: {
        blownAt: at(9),
        blownByUserId: 'u3',
        units: [
          {
            unitId: 'police',
            summonedAt: at(9),
            arriveBy: at(39),
            arrivedAt: at(20),
            part: 'p',
            partRecordedAt: at(25),
          },
        ],
      },
      feedback: { text: 'done', photoIds: ['p1'], at: at(30), byUserId: 'u2' },
      ratings: [{ rating: 'satisfied', unitAtFault: null, comment: null, at: at(40), byUserId: 'u1' }],
      lastSupervisedAt: at(50),
      supervisionCount: 1,
    };
    const stored = storeSnapshot(full);
    const json = JSON.parse(JSON.stringify(stored));
    expect(json.whistle.units[0].arriveBy).toBe(at(39).toISOString());
    // The reporters are read from the reports, not kept in the stored JSON.
    expect(json.reporterUserIds).toBeUndefined();
    expect(loadSnapshot(json, full.reporterUserIds)).toEqual(full);
  });
});

describe('duplicate search helpers', () => {
  it('the candidate box holds every point within the radius', () => {
    const point = [120.285, 31.92] as const;
    const box = duplicateBox(point, 50);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const rad = (bearing * Math.PI) / 180;
      const p = [
        point[0] + (49.9 * Math.sin(rad)) / (111_320 * Math.cos((point[1] * Math.PI) / 180)),
        point[1] + (49.9 * Math.cos(rad)) / 111_320,
      ] as const;
      expect(haversineMeters(point, p)).toBeLessThan(50.2);
      expect(p[0] >= box.minLon && p[0] <= box.maxLon && p[1] >= box.minLat && p[1] <= box.maxLat).toBe(true);
    }
  });

  it('two reports of a matter within 1 km share an intake lock key', () => {
    const a = [120.2999, 31.9119] as const;
    for (const [dLon, dLat] of [
      [0.0105, 0],
      [0, 0.0089],
      [-0.0075, -0.006],
      [0.0002, 0.0002],
    ] as const) {
      const b = [a[0] + dLon, a[1] + dLat] as const;
      expect(haversineMeters(a, b)).toBeLessThan(1000);
      const shared = intakeLockKeys('CG-0101', a).filter((k) => intakeLockKeys('CG-0101', b).includes(k));
      expect(shared.length).toBeGreaterThan(0);
    }
    expect(intakeLockKeys('CG-0101', a).some((k) => intakeLockKeys('CG-0102', a).includes(k))).toBe(false);
  });
});
