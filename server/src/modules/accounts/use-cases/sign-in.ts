import type { Locale, SessionInfo } from '@yiwang/contracts';
import { regionsLookups } from '../../regions/index.js';
import { userActor } from '../authenticate.js';
import { describeSession } from './describe-session.js';
import { type LogInOptions, logIn } from './log-in.js';

/** Signs in ({@link logIn}) and describes the new session as the browser sees it after. */
export async function signIn(options: LogInOptions): Promise<{ token: string; locale: Locale; session: SessionInfo }> {
  const { token, session, user } = await logIn(options);
  const scope = await regionsLookups.findByCode(options.db, user.scopeRegionCode);
  const actor = userActor(options.config, user, scope?.path ?? '', session);
  return { token, locale: user.locale, session: await describeSession(options.db, actor) };
}
