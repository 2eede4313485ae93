import type { SaveScoringRulesBody, ScoringRuleSet, ScoringRuleSetList } from '@yiwang/contracts';
import type { Db, Executor } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { isCountyWide } from '../../../platform/scope.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { assessmentRepository, type ScoringRuleSetRow } from '../assessment.repository.js';
import { checkScoringRules, DEFAULT_SCORING_RULES } from '../domain/scoring.js';

const present = (row: ScoringRuleSetRow): ScoringRuleSet => ({
  version: row.version,
  rules: row.rules,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
});
const DEFAULT_SET: ScoringRuleSet = {
  version: 0,
  rules: [...DEFAULT_SCORING_RULES.rules],
  note: '默认细则 / built-in default',
  createdAt: null,
};

const countyOf = (actor: Actor) => actor.scopePath.split('/')[0] ?? actor.scopePath;

/** The county's scoring rules: the version in force and every saved version, newest first. */
export async function listScoringRules(db: Executor, actor: Actor): Promise<ScoringRuleSetList> {
  const rows = await assessmentRepository.scoringRuleSets(db, countyOf(actor));
  const versions = [...rows.map(present), DEFAULT_SET];
  return { current: versions[0] ?? DEFAULT_SET, versions };
}

/** The rule set of `version` (default: in force); an unknown version is a 404. */
export async function scoringRulesOf(db: Executor, actor: Actor, version?: number): Promise<ScoringRuleSet> {
  if (version === 0) return DEFAULT_SET;
  if (version === undefined) return (await listScoringRules(db, actor)).current;
  const row = await assessmentRepository.scoringRuleSet(db, countyOf(actor), version);
  if (!row) throw new DomainError('not-found');
  return present(row);
}

/** Saves the county's rules as a new version (a county-level decision); older versions stay to explain past scores. */
export async function saveScoringRules(
  db: Db,
  actor: Actor,
  context: AuditContext,
  { body }: { body: SaveScoringRulesBody },
): Promise<ScoringRuleSet> {
  if (!isCountyWide(actor.scopePath)) throw new DomainError('forbidden');
  const problems = checkScoringRules(body.rules);
  if (problems.length > 0) throw new DomainError('validation', {}, problems);
  return db.transaction(async (tx) => {
    const saved = await assessmentRepository.insertScoringRuleSet(tx, {
      countyCode: countyOf(actor),
      rules: body.rules,
      note: body.note.trim(),
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, context, {
      action: 'assessment.scoring-rules',
      objectType: 'scoring-rules',
      objectId: String(saved.version),
      details: { version: saved.version, lines: saved.rules.length, note: saved.note },
    });
    return present(saved);
  });
}
