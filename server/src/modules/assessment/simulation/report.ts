import type { SimulationResult } from './county-month.js';

const KIND_NAMES = {
  'hide-hard': 'grids hiding hard matters',
  'pad-easy': 'workers padding with easy reports',
  'sit-on-cases': 'department sitting on cases',
} as const;

/** The simulation's numbers as printed by `npm run simulate:assessment`. */
export function formatSimulation(r: SimulationResult): string {
  const lines = [`${r.grids} grids, ${r.problems} true problems, ${r.cases} cases opened, ${r.requests} API requests`];
  for (const l of r.lines) {
    lines.push(
      `${KIND_NAMES[l.kind]}: flagged ${l.flagged.length}/${l.planted.length} planted; planted cases flagged ${l.flaggedCases}/${l.plantedCases}`,
    );
    for (const rank of l.ranks) {
      lines.push(
        `  ${rank.subject}: rank by report count ${rank.countRank}/${rank.of}, by fair score ${rank.fairRank}/${rank.of}`,
      );
    }
  }
  lines.push(
    `false flags on honest grids: ${r.falselyFlaggedGrids.length}/${r.honestGrids} = ${(r.falseFlagRate * 100).toFixed(1)}%${r.falselyFlaggedGrids.length ? ` (${r.falselyFlaggedGrids.join(', ')})` : ''}`,
    `false flags on honest departments: ${r.falselyFlaggedUnits.length}${r.falselyFlaggedUnits.length ? ` (${r.falselyFlaggedUnits.join(', ')})` : ''}`,
    `flags by kind: ${Object.entries(
      r.flags.reduce<Record<string, number>>((m, f) => {
        m[f.kind] = (m[f.kind] ?? 0) + 1;
        return m;
      }, {}),
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}
