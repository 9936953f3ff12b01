import { AppError, badInput } from './errors';
import { headerNameProblem } from '@secrets/rules';

/** A header name a step or a connection may set (W8), trimmed. */
export function checkHeaderName(name: string, field: string): string {
  const problem = headerNameProblem(name);
  if (problem) throw badInput(problem, field);
  return name.trim();
}

/**
 * A URL to send requests to: absolute http(s), no user:password part (credentials belong
 * in secrets). `requireHttps` turns plain http into INSECURE_URL.
 */
export function checkUrl(url: string, field: string, requireHttps: boolean): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw badInput('Enter an absolute URL, e.g. https://api.example.com/path.', field);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw badInput('Only http:// and https:// URLs can be requested.', field);
  }
  if (parsed.username || parsed.password) {
    throw badInput('Do not put credentials in the URL; store them as a secret.', field);
  }
  if (trimmed.length > 2048) throw badInput('The URL is longer than 2048 characters.', field);
  if (requireHttps && parsed.protocol !== 'https:') {
    throw new AppError('INSECURE_URL', 'Use an https:// URL: secrets are only sent over HTTPS.', {
      field,
    });
  }
  return trimmed;
}

/** Trimmed text of 1 to `max` characters. */
export function checkText(text: string, field: string, label: string, max = 100): string {
  const trimmed = text.trim();
  if (trimmed.length < 1 || trimmed.length > max)
    throw badInput(`${label} is 1 to ${max} characters.`, field);
  return trimmed;
}
