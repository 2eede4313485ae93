import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import { type Config, tileOrigin } from './config.js';

/** The security headers of every response (CSP, HSTS, nosniff …), as helmet's options. */
export function helmetOptions(config: Config): HelmetOptions {
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
 * The same headers as a fixed list: they depend only on the config, so helmet works them out
 * once at start. Every answer carries them — set in the app's first hook, and by the handlers
 * of answers written before Fastify has a request (a bad URL, headers too large for Node).
 */
export function securityHeadersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}
