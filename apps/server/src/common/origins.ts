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
