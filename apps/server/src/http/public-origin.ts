/** `scheme://host[:port]` of an http(s) URL, lower-cased and without a default port; else null. */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** True for a bare origin such as `https://secrets.example.com`: no path, query or user. */
export const isBareOrigin = (value: string): boolean => {
  if (originOf(value) === null) return false;
  const url = new URL(value);
  return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
};

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
