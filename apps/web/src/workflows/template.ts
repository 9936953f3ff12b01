// Completion of `{secret:NAME}` references while typing. Reading references is the
// server's own parser (one implementation, so the editor warns exactly where saving fails).
import { parseTemplate, type SecretReference } from '@secrets/rules';

export type { SecretReference };

export const secretReferences = (text: string): SecretReference[] => parseTemplate(text).references;

/** Text that starts like a reference but is not one, e.g. `{secret:}` or `{secret:a b}`. */
export const malformedReferences = (text: string): string[] =>
  parseTemplate(text).malformed.map((fragment) => fragment.text);

export interface ReferenceTrigger {
  /** Where the unfinished token starts (its first `{`). */
  start: number;
  /** Where it ends: past the caret, over the rest of a name and closing braces already there. */
  end: number;
  /** The part of the name typed so far. */
  prefix: string;
  double: boolean;
}

/** The unfinished reference that the caret is in, e.g. `Bearer {secret:ji|`. */
export function referenceTrigger(text: string, caret: number): ReferenceTrigger | null {
  const before = /\{(\{?)secret:([A-Za-z0-9_-]*)$/.exec(text.slice(0, caret));
  if (!before) return null;
  const double = before[1] === '{';
  const after = /^[A-Za-z0-9_-]*/.exec(text.slice(caret))?.[0] ?? '';
  let end = caret + after.length;
  const close = double ? '}}' : '}';
  if (text.startsWith(close, end)) end += close.length;
  else if (double && text.startsWith('}', end)) end += 1;
  return { start: before.index, end, prefix: before[2] ?? '', double };
}

/** The text with the unfinished reference completed to `{secret:NAME}`, and the caret after it. */
export function completeReference(
  text: string,
  trigger: ReferenceTrigger,
  name: string,
): { text: string; caret: number } {
  const token = trigger.double ? `{{secret:${name}}}` : `{secret:${name}}`;
  return {
    text: text.slice(0, trigger.start) + token + text.slice(trigger.end),
    caret: trigger.start + token.length,
  };
}

/** Names containing the prefix, those starting with it first. */
export function matchingNames<T extends { name: string }>(options: readonly T[], prefix: string) {
  const wanted = prefix.toLowerCase();
  const matches = options.filter((option) => option.name.toLowerCase().includes(wanted));
  const starts = (option: T) => (option.name.toLowerCase().startsWith(wanted) ? 0 : 1);
  return matches.sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name));
}
