import type { Locale } from '@yiwang/contracts';
import { TASK_STATUS_LABELS, type TaskStatusName } from '@yiwang/contracts';
import type { NoticeKind } from './consultation.tables.js';

type Params = Record<string, string | number>;
type Words = Record<Locale, (p: Params) => { title: string; body: string }>;

const status = (p: Params, locale: Locale) =>
  TASK_STATUS_LABELS[p.status as TaskStatusName]?.[locale] ?? String(p.status);

/** The words of each notice in both languages, short and plain (read on a phone, often by older people). */
const NOTICE_WORDS: Record<NoticeKind, Words> = {
  'topic.on-agenda': {
    'zh-CN': (p) => ({
      title: `您支持的议题已上会：${p.topic}`,
      body: `支持人数已够，议题将在“${p.meeting}”上讨论表决。`,
    }),
    'en-US': (p) => ({
      title: `A topic you support is on the agenda: ${p.topic}`,
      body: `It has enough support and will be discussed and voted on at “${p.meeting}”.`,
    }),
  },
  'decision.adopted': {
    'zh-CN': (p) => ({
      title: `议题已表决通过：${p.decision}`,
      body: `同意 ${p.yes} 票，不同意 ${p.no} 票，弃权 ${p.abstain} 票。接下来会安排落实，进展会通知您。`,
    }),
    'en-US': (p) => ({
      title: `Adopted: ${p.decision}`,
      body: `${p.yes} yes, ${p.no} no, ${p.abstain} abstained. It will now be carried out; we will tell you how it goes.`,
    }),
  },
  'task.created': {
    'zh-CN': (p) => ({ title: `决议开始落实：${p.decision}`, body: `新任务：${p.task}（负责：${p.owner}）。` }),
    'en-US': (p) => ({ title: `Carrying out: ${p.decision}`, body: `New task: ${p.task} (by ${p.owner}).` }),
  },
  'task.status': {
    'zh-CN': (p) => ({
      title: `决议进展：${p.decision}`,
      body: `“${p.task}”${status(p, 'zh-CN')}，完成 ${p.progress}%。${p.note}`,
    }),
    'en-US': (p) => ({
      title: `Progress: ${p.decision}`,
      body: `“${p.task}” is ${status(p, 'en-US').toLowerCase()}, ${p.progress}% done. ${p.note}`,
    }),
  },
  'decision.done': {
    'zh-CN': (p) => ({ title: `决议已全部落实：${p.decision}`, body: '所有任务都已完成。谢谢您的参与！' }),
    'en-US': (p) => ({
      title: `Fully carried out: ${p.decision}`,
      body: 'Every task is done. Thank you for taking part!',
    }),
  },
};

export function noticeWords(kind: NoticeKind, params: Params, locale: Locale): { title: string; body: string } {
  return NOTICE_WORDS[kind][locale](params);
}
