// The rule for a secret's allowed hosts, free of server imports: the SPA checks the list
// with this same code, so a list the form accepts is a list the API accepts.

export const MAX_ALLOWED_HOSTS = 50;
const HOST_PATTERN =
  /^(\*\.)?(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Trimmed, lower-cased and without duplicates, as stored. */
export const normaliseAllowedHosts = (hosts: readonly string[]): string[] => [
  ...new Set(hosts.map((host) => host.trim().toLowerCase())),
];

/**
 * Why a normalised list of allowed hosts is refused, as a message for the user; undefined
 * when every entry is an exact host name or `*.example.com`.
 */
export function allowedHostsProblem(hosts: readonly string[]): string | undefined {
  if (hosts.length > MAX_ALLOWED_HOSTS) return `At most ${MAX_ALLOWED_HOSTS} allowed hosts.`;
  const invalid = hosts.find((host) => !HOST_PATTERN.test(host));
  if (invalid === undefined) return undefined;
  return `"${invalid.slice(0, 100)}" is not a host name; write example.com or *.example.com.`;
}
