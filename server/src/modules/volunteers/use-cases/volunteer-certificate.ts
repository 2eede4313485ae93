import type { Locale } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { pointsOf } from '../domain/time-bank.js';
import { volunteersRepository } from '../volunteers.repository.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const WORDS = {
  'zh-CN': {
    title: '志愿服务证明',
    body: '兹证明 {name} 同志在{community}参加志愿服务，经活动组织者核定，累计服务 {hours} 小时（时间银行积分 {points} 分）。',
    activity: '活动',
    day: '日期',
    hours: '核定时长（小时）',
    issued: '开具日期',
    print: '打印',
  },
  'en-US': {
    title: 'Volunteer service certificate',
    body: 'This certifies that {name} volunteered in {community} for {hours} hours in all, as verified by the organizers ({points} time-bank points).',
    activity: 'Activity',
    day: 'Date',
    hours: 'Hours verified',
    issued: 'Issued on',
    print: 'Print',
  },
} as const;

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => escapeHtml(params[key] ?? ''));

/**
 * A printable certificate (HTML, print styles; the browser prints or saves it as PDF) of a
 * volunteer's verified service: mine (`self`) or, for the desk, a volunteer of my scope. Audited.
 */
export async function volunteerCertificate(
  db: Db,
  options: { actor: Actor; context: AuditContext; volunteerId: string | null; locale: Locale; now: Date },
): Promise<string> {
  const { actor, context, locale, now } = options;
  const volunteer = options.volunteerId
    ? await volunteersRepository.volunteerInScope(db, options.volunteerId, actor.scopePath)
    : await volunteersRepository.volunteerOfUser(db, actor.id);
  if (!volunteer) throw new DomainError('not-found');
  const rows = await volunteersRepository.signupsOfVolunteer(db, volunteer.id, true);
  const minutes = rows.reduce((sum, r) => sum + (r.signup.verifiedMinutes ?? 0), 0);
  const totals = await volunteersRepository.timeBankTotals(db, [volunteer.id]);
  const community = await regionsLookups.findByCode(db, volunteer.communityCode);
  const w = WORDS[locale];
  const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  await recordAudit(db, context, {
    action: 'volunteer.certificate',
    objectType: 'volunteer',
    objectId: volunteer.id,
    scopePath: volunteer.path,
    details: { minutes },
  });
  const lines = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.activity.title)}</td><td>${day(r.shift.startsAt)}</td><td>${pointsOf(r.signup.verifiedMinutes ?? 0)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} · ${escapeHtml(volunteer.name)}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;font-size:18px;line-height:1.7;color:#222}
h1{text-align:center;letter-spacing:.3em;font-size:2rem}table{width:100%;border-collapse:collapse;margin:1.5rem 0}
td,th{border:1px solid #999;padding:.4rem .6rem;text-align:left}.issued{text-align:right}
@media print{button{display:none}body{margin:0}}
</style></head><body>
<h1>${w.title}</h1>
<p data-testid="certificate-body">${fill(w.body, {
    name: volunteer.name,
    community: community ? (locale === 'en-US' ? community.nameEn : community.name) : volunteer.communityCode,
    hours: String(pointsOf(minutes)),
    points: String(pointsOf(totals.get(volunteer.id)?.balance ?? 0)),
  })}</p>
<table><thead><tr><th>${w.activity}</th><th>${w.day}</th><th>${w.hours}</th></tr></thead><tbody>${lines}</tbody></table>
<p class="issued">${w.issued}: ${day(now)}</p>
<button type="button" onclick="window.print()">${w.print}</button>
</body></html>`;
}
