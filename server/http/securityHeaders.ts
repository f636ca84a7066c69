/**
 * The headers every answer carries (helmet 8), for the pages and the API alike. The policy is
 * written out whole rather than taken from helmet's defaults, so what the browser enforces is
 * read here:
 *
 * - Content-Security-Policy: scripts, styles, images, fonts and connections from this origin
 *   only, no inline script or style element, no plugin, no <base>. The built client (Vite)
 *   loads one module script and stylesheets by URL and sets element styles through React's
 *   `style` property (CSSOM, which CSP does not govern), so it needs nothing more;
 *   test/e2e/contentSecurityPolicy.test.ts loads each main page in Chromium and fails on any
 *   violation. 'self' in connect-src also covers socket.io's WebSocket to the same host and
 *   port (CSP level 3), checked by the same test. The charts are inline SVG: no image source.
 * - frame-ancestors 'none' and X-Frame-Options DENY (for browsers without CSP level 2): no
 *   foreign page can frame the trainer and trick a click.
 * - Referrer-Policy no-referrer: a session's address never leaves with a link.
 * - No upgrade-insecure-requests: the trainer may be reached over plain HTTP on a private
 *   network (README), where upgrading its own requests to HTTPS would break every page.
 * - Strict-Transport-Security without includeSubDomains: only browsers that reached it over
 *   HTTPS keep it, and it must not bind the organisation's other hosts.
 * - helmet's other headers as they come: nosniff, Cross-Origin-Opener-Policy and
 *   Cross-Origin-Resource-Policy same-origin, X-DNS-Prefetch-Control off, and so on.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false },
  });
}
