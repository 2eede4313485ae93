import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config.js';

/** `__Host-` pins the cookie to this host and path / and requires Secure, so it is only used over https. */
export const sessionCookieName = (config: Config) => (config.secureCookies ? '__Host-yw_session' : 'yw_session');

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: config.session.absoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
  });
}

export const sessionTokenOf = (request: FastifyRequest, config: Config): string | undefined =>
  request.cookies[sessionCookieName(config)];
