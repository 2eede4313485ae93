import type { Database } from '../../db/client.js';
import type { JobDefinition, ModuleContext } from '../../platform/http.js';
import { loggingNoticeSender } from './notice-sender.js';
import { followCaseEvents } from './use-cases/follow-cases.js';
import { expireTopics } from './use-cases/topics.js';

/** Marks topics past their date expired (shown as expired, never removed). */
function topicExpiryJob(database: Database): JobDefinition {
  return {
    name: 'consultation-topic-expiry',
    intervalMs: 15 * 60_000,
    async run({ log }) {
      const expired = await expireTopics(database.db, new Date());
      if (expired > 0) log.info({ expired }, 'topics expired');
    },
  };
}

/** Moves decision tasks with their cases (domain event log), telling followers at each change. */
function followCasesJob(database: Database): JobDefinition {
  return {
    name: 'consultation-follow-cases',
    intervalMs: 60_000,
    async run({ log }) {
      const applied = await followCaseEvents(database.db, { sender: loggingNoticeSender(log) });
      if (applied > 0) log.info({ applied }, 'decision tasks moved with their cases');
    },
  };
}

export const consultationJobs = ({ database }: ModuleContext): JobDefinition[] => [
  topicExpiryJob(database),
  followCasesJob(database),
];
