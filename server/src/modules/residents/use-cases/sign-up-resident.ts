import type { Locale, RegisterResidentBody, SessionInfo } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import type { Config } from '../../../platform/config.js';
import { signIn } from '../../accounts/index.js';
import { registerResident } from './register-resident.js';

/** A resident signs up ({@link registerResident}) and is signed in through the one login path: its session rules and its audit row. */
export async function signUpResident(
  deps: { db: Db; config: Config },
  options: {
    input: RegisterResidentBody;
    ip: string;
    userAgent: string | undefined;
    previousToken: string | undefined;
    requestId: string;
  },
): Promise<{ token: string; locale: Locale; session: SessionInfo }> {
  const { db, config } = deps;
  const user = await registerResident({
    db,
    secretKey: config.secretKey,
    input: options.input,
    ip: options.ip,
    requestId: options.requestId,
  });
  return signIn({
    db,
    config,
    username: user.username,
    password: options.input.password,
    ip: options.ip,
    userAgent: options.userAgent,
    previousToken: options.previousToken,
    requestId: options.requestId,
  });
}
