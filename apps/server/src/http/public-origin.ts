import { originOf } from '../common/origins';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The origins the server serves the web app under when PUBLIC_ORIGIN is unset: its own
 * `http://HOST:port`, plus `localhost` for a loopback HOST (the same server, another name
 * to a browser). A wildcard HOST (0.0.0.0, ::) names no origin a browser would send.
 */
export function ownOrigins(host: string, port: number): string[] {
  if (host === '0.0.0.0' || host === '::') return [];
  const literal = host.includes(':') ? `[${host}]` : host;
  const names = LOOPBACK.has(host) ? [literal, 'localhost'] : [literal];
  return [...new Set(names)].flatMap((name) => originOf(`http://${name}:${port}`) ?? []);
}

/**
 * A browser names the page that opens a WebSocket in `Origin`; only the listed origins may.
 * Without the header the client is not a browser (a service or a CLI), which cross-site
 * WebSocket hijacking cannot use, so it passes and authenticates as usual.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const normalized = originOf(origin);
  return normalized !== null && allowed.includes(normalized);
}
