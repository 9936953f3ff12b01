import { isDeepStrictEqual } from 'node:util';

/**
 * Fails unless the product and the baseline answer with the same data, so that a baseline
 * can never win by serving less (`ignore` names keys left out, such as opaque cursors).
 */
export async function assertSameData(
  product: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  ignore: readonly string[] = [],
): Promise<void> {
  const strip = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
      ignore.includes(key) ? undefined : inner,
    );
  const [ours, theirs] = [strip(await product()), strip(await baseline())];
  if (!isDeepStrictEqual(ours, theirs)) {
    throw new Error(
      `The baseline does not serve what the product does.\nproduct:  ${JSON.stringify(ours)}\nbaseline: ${JSON.stringify(theirs)}`,
    );
  }
}

/** POSTs JSON and returns the parsed answer's `data`. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const parsed: unknown = await response.json();
  return typeof parsed === 'object' && parsed !== null && 'data' in parsed ? parsed.data : parsed;
}
