import rateLimit from '@fastify/rate-limit';
import {
  ChangePasswordBody,
  LoginBody,
  PreferencesBody,
  SessionInfo,
  TotpCodeBody,
  TotpSetupResponse,
} from '@yiwang/contracts';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.js';
import type { App, ModuleContext } from '../../platform/http.js';
import { auditContextOf, authorize } from './authorize.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie.js';
import { changePassword } from './use-cases/change-password.js';
import { describeSession } from './use-cases/describe-session.js';
import { confirmTotpEnrollment, startTotpEnrollment } from './use-cases/enroll-totp.js';
import { logOut } from './use-cases/log-out.js';
import { signIn } from './use-cases/sign-in.js';
import { updatePreferences } from './use-cases/update-preferences.js';

export async function authRoutes(app: App, ctx: ModuleContext) {
  const { config } = ctx;
  const { db } = ctx.database;

  // Per-IP limit on login attempts, on top of the per-account lockout: it slows down
  // guessing across many accounts from one address. Answered as a clear 429.
  // biome-ignore lint/nursery/noMisusedPromises: Fastify awaits async plugins (FastifyPluginAsync); Biome picks the callback overload.
  await app.register(async (limited: App) => {
    await limited.register(rateLimit, {
      global: false,
      max: config.loginRateLimit.max,
      timeWindow: config.loginRateLimit.windowSeconds * 1000,
      errorResponseBuilder: (_request, context) =>
        new DomainError('rate-limited', { seconds: Math.ceil(context.ttl / 1000) }),
    });
    limited.post(
      '/auth/login',
      {
        config: { rateLimit: {}, csrfExempt: true, allowBeforePasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the session cookie',
          body: LoginBody,
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        const { token, locale, session } = await signIn({
          db,
          config,
          username: request.body.username,
          password: request.body.password,
          totpCode: request.body.totpCode,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          previousToken: sessionTokenOf(request, config),
          requestId: String(request.id),
        });
        setSessionCookie(reply, config, token);
        request.locale = locale;
        return session;
      },
    );
  });

  app.post(
    '/auth/logout',
    { config: { allowBeforePasswordChange: true }, schema: { tags: ['auth'], response: { 204: Type.Null() } } },
    async (request, reply) => {
      const actor = authorize(request, null, { allowDuringEnrollment: true });
      await logOut(db, actor, auditContextOf(request));
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    { config: { allowBeforePasswordChange: true }, schema: { tags: ['auth'], response: { 200: SessionInfo } } },
    async (request) => {
      const actor = authorize(request, null, { allowDuringEnrollment: true });
      if (actor.kind !== 'user') throw new DomainError('forbidden');
      return describeSession(db, actor);
    },
  );

  app.post(
    '/auth/change-password',
    {
      config: { allowBeforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (the current one is asked again); ends my other sessions',
        body: ChangePasswordBody,
        response: { 200: SessionInfo },
      },
    },
    async (request) => {
      const actor = authorize(request, null, { allowDuringEnrollment: true });
      await changePassword({
        db,
        config,
        actor,
        context: auditContextOf(request),
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
      });
      return describeSession(db, { ...actor, mustChangePassword: false });
    },
  );

  app.put(
    '/auth/preferences',
    { schema: { tags: ['auth'], body: PreferencesBody, response: { 200: SessionInfo } } },
    async (request) => {
      const actor = authorize(request, null, { allowDuringEnrollment: true });
      await updatePreferences({ db }, { actor, context: auditContextOf(request), locale: request.body.locale });
      request.locale = request.body.locale;
      return describeSession(db, { ...actor, locale: request.body.locale });
    },
  );

  app.post(
    '/auth/totp/setup',
    { schema: { tags: ['auth'], response: { 200: TotpSetupResponse } } },
    async (request) => {
      const actor = authorize(request, null, { allowDuringEnrollment: true });
      return startTotpEnrollment(db, config, actor, auditContextOf(request));
    },
  );

  app.post(
    '/auth/totp/enable',
    { schema: { tags: ['auth'], body: TotpCodeBody, response: { 200: SessionInfo } } },
    async (request) => {
      const actor = authorize(request, null, { allowDuringEnrollment: true });
      await confirmTotpEnrollment(db, config, actor, auditContextOf(request), request.body.code);
      return describeSession(db, { ...actor, totpEnrollmentRequired: false });
    },
  );
}
