import { checkHeaderName, checkText, checkUrl } from '../common/http-rules';
import { badInput } from '../common/errors';
import type { HttpHeader, HttpMethod } from './workflow.entity';
import type { HttpRequestStepInput, WorkflowInput } from './workflow.inputs';
import { parseTemplate, referencedSecretNames } from '@secrets/rules';

export const MAX_STEPS = 50;
export const MAX_HEADERS = 50;
export const MAX_HEADER_VALUE_LENGTH = 8 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;

export interface CheckedStep {
  name: string;
  method: HttpMethod;
  url: string;
  headers: HttpHeader[];
  body: string | null;
  /** The names as referenced, in order of first appearance. */
  references: string[];
}

function checkStep(step: HttpRequestStepInput, index: number): CheckedStep {
  const at = `steps.${index}`;
  const headers = (step.headers ?? []).map((header, position) => {
    const field = `${at}.headers.${position}`;
    const value = header.value;
    if (/[\r\n\0]/.test(value))
      throw badInput('A header value cannot contain line breaks.', `${field}.value`);
    if (value.length > MAX_HEADER_VALUE_LENGTH)
      throw badInput('A header value is at most 8 KiB.', `${field}.value`);
    const { malformed } = parseTemplate(value);
    if (malformed[0]) {
      throw badInput(
        `"${malformed[0].text}" is not a valid secret reference; write {secret:NAME} with letters, digits, _ or - in NAME.`,
        `${field}.value`,
      );
    }
    return { name: checkHeaderName(header.name, `${field}.name`), value };
  });
  if (headers.length > MAX_HEADERS)
    throw badInput(`A step has at most ${MAX_HEADERS} headers.`, `${at}.headers`);
  const references = referencedSecretNames(headers.map((header) => header.value));
  if (step.body != null && Buffer.byteLength(step.body, 'utf8') > MAX_BODY_BYTES) {
    throw badInput('A request body is at most 1 MiB.', `${at}.body`);
  }
  return {
    name: checkText(step.name, `${at}.name`, 'A step name'),
    method: step.method,
    // W2: a step whose headers reference a secret must use https.
    url: checkUrl(step.url, `${at}.url`, references.length > 0),
    headers,
    body: step.body ?? null,
    references,
  };
}

/** Everything about a workflow that needs no database: names, URLs, headers, sizes. */
export function checkWorkflow(input: WorkflowInput): { name: string; steps: CheckedStep[] } {
  if (input.steps.length > MAX_STEPS)
    throw badInput(`A workflow has at most ${MAX_STEPS} steps.`, 'steps');
  return {
    name: checkText(input.name, 'name', 'A workflow name'),
    steps: input.steps.map(checkStep),
  };
}
