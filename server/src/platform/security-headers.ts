import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';
import { type Config, tileOrigin } from './config.js';

/** The security headers of every response (CSP, HSTS, nosniff …); @fastify/helmet applies them per request. */
export function helmetOptions(config: Config): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Base-map tiles, when configured, come from their own server.
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(config.mapTiles ? [tileOrigin(config.mapTiles.url) ?? ''] : []),
          ...(config.mapTiles?.labelsUrl ? [tileOrigin(config.mapTiles.labelsUrl) ?? ''] : []),
        ].filter(Boolean),
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The same headers as a fixed list, for answers written before Fastify has a request
 * (a bad URL, or headers too large for Node's parser). They depend only on the config.
 */
export function securityHeadersOf(options: FastifyHelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // The same helmet @fastify/helmet runs (its types are the CommonJS copy of these).
  helmet(options as HelmetOptions)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}
