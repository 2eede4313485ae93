/** A message to a resident outside the portal: SMS or WeChat. */
export interface OutgoingNotice {
  userId: string;
  title: string;
  body: string;
}

/**
 * Sends notices by SMS or WeChat. The demo's sender only logs what it would send: a real one
 * (an SMS gateway, a WeChat template message) drops in behind this interface.
 */
export interface NoticeSender {
  /** What is recorded on each notice it took (`notices.sent_via`). */
  readonly name: string;
  send(notice: OutgoingNotice): void;
}

export interface NoticeLog {
  info(details: Record<string, unknown>, message: string): void;
}

/** Logs each notice instead of sending it (no number or name in the log: the account id only). */
export function loggingNoticeSender(log: NoticeLog): NoticeSender {
  return {
    name: 'sms-logged',
    send(notice) {
      log.info({ userId: notice.userId, title: notice.title }, 'consultation notice (SMS, logged only in the demo)');
    },
  };
}
