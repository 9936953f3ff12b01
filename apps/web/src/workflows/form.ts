import { CombinedGraphQLErrors } from '@apollo/client';
import type {
  HttpMethod,
  SecretStatus,
  WebWorkflowDetailsFragment,
  WorkflowInput,
} from '@secrets/schema/generated/graphql';
import { headerNameProblem } from '@secrets/rules';
import { apiError } from '../common/errors';
import { malformedReferences, secretReferences } from './template';

export const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface HeaderForm {
  key: string;
  name: string;
  value: string;
}

export interface StepForm {
  key: string;
  name: string;
  method: HttpMethod;
  url: string;
  headers: HeaderForm[];
  body: string;
}

export interface WorkflowForm {
  name: string;
  steps: StepForm[];
}

/** Messages by field path, the same paths the API uses: 'name', 'steps.0.headers.1.value'. */
export type FieldErrors = Record<string, string>;

let lastKey = 0;
// React keys for rows that have no id yet, so removing a row keeps the others' state.
const newKey = () => `row-${++lastKey}`;

export const emptyHeader = (): HeaderForm => ({ key: newKey(), name: '', value: '' });

export const emptyStep = (): StepForm => ({
  key: newKey(),
  name: '',
  method: 'GET',
  url: '',
  headers: [],
  body: '',
});

export function formFromWorkflow(workflow: WebWorkflowDetailsFragment | null): WorkflowForm {
  if (!workflow) return { name: '', steps: [emptyStep()] };
  return {
    name: workflow.name,
    steps: workflow.steps.map((step) => ({
      key: step.id,
      name: step.name,
      method: step.method,
      url: step.url,
      headers: step.headers.map((header) => ({ key: newKey(), ...header })),
      body: step.body ?? '',
    })),
  };
}

export function workflowInput(form: WorkflowForm): WorkflowInput {
  return {
    name: form.name,
    steps: form.steps.map((step) => ({
      name: step.name,
      method: step.method,
      url: step.url,
      headers: step.headers.map(({ name, value }) => ({ name, value })),
      body: step.body === '' ? null : step.body,
    })),
  };
}

export interface WebhookSecretOption {
  name: string;
  status: SecretStatus;
}

export interface KnownSecrets {
  options: readonly WebhookSecretOption[];
  /** False while loading, or when there are more webhook secrets than were fetched. */
  complete: boolean;
}

export const HTTPS_ONLY = 'Secrets are only sent over HTTPS';

/**
 * Errors found without the server. `submitted` adds those that would only nag while typing
 * (empty fields, half-typed references); the HTTPS rule and unknown names show at once.
 */
export function clientErrors(
  form: WorkflowForm,
  secrets: KnownSecrets,
  submitted: boolean,
): FieldErrors {
  const errors: FieldErrors = {};
  const byName = new Map(secrets.options.map((secret) => [secret.name.toLowerCase(), secret]));
  if (submitted && !form.name.trim()) errors.name = 'Enter a workflow name.';
  form.steps.forEach((step, index) => {
    const at = `steps.${index}`;
    if (submitted && !step.name.trim()) errors[`${at}.name`] = 'Enter a step name.';
    let references = 0;
    step.headers.forEach((header, position) => {
      const field = `${at}.headers.${position}`;
      const nameProblem = header.name.trim()
        ? headerNameProblem(header.name)
        : 'Enter the header name.';
      if (submitted && nameProblem) errors[`${field}.name`] = nameProblem;
      const found = secretReferences(header.value);
      references += found.length;
      const unknown = secrets.complete
        ? found.find((reference) => !byName.has(reference.name.toLowerCase()))
        : undefined;
      const malformed = submitted ? malformedReferences(header.value)[0] : undefined;
      if (unknown) {
        errors[`${field}.value`] =
          `"${unknown.name}" is not a webhook secret. Choose one of the suggested names, or add it on the Secrets page.`;
      } else if (malformed !== undefined) {
        errors[`${field}.value`] =
          `"${malformed}" is not a valid secret reference; write {secret:NAME}.`;
      }
    });
    const url = step.url.trim();
    // W2: the server refuses http for a step whose headers reference a secret.
    if (references > 0 && /^http:/i.test(url)) errors[`${at}.url`] = HTTPS_ONLY;
    else if (submitted && !url) errors[`${at}.url`] = 'Enter the URL to request.';
  });
  return errors;
}

/** Non-blocking notes: references to secrets that exist but cannot be used right now. */
export function referenceWarnings(form: WorkflowForm, secrets: KnownSecrets): FieldErrors {
  const warnings: FieldErrors = {};
  const byName = new Map(secrets.options.map((secret) => [secret.name.toLowerCase(), secret]));
  form.steps.forEach((step, index) =>
    step.headers.forEach((header, position) => {
      const unusable = secretReferences(header.value)
        .map((reference) => byName.get(reference.name.toLowerCase()))
        .find((secret) => secret?.status === 'REVOKED' || secret?.status === 'EXPIRED');
      if (unusable) {
        warnings[`steps.${index}.headers.${position}.value`] =
          `"${unusable.name}" is ${unusable.status === 'REVOKED' ? 'revoked' : 'expired'}: runs will fail until you reference a usable secret.`;
      }
    }),
  );
  return warnings;
}

const FIELD_PATH = /^(name|steps\.\d+\.(name|method|url|body|headers|headers\.\d+\.(name|value)))$/;

/**
 * Where an API error belongs: on a field of the form, or (general) above it. A step-level
 * `steps.N.headers` error naming a secret lands on the header value that references it.
 */
export function placeApiError(
  form: WorkflowForm,
  error: unknown,
): { fields: FieldErrors; general?: string } {
  const { field, message } = apiError(error);
  if (!field || !FIELD_PATH.test(field)) return { fields: {}, general: message };
  const stepHeaders = /^steps\.(\d+)\.headers$/.exec(field);
  const secretName = secretNameOf(error);
  if (stepHeaders && secretName) {
    const index = Number(stepHeaders[1]);
    const position = form.steps[index]?.headers.findIndex((header) =>
      secretReferences(header.value).some(
        (reference) => reference.name.toLowerCase() === secretName.toLowerCase(),
      ),
    );
    if (position !== undefined && position >= 0)
      return { fields: { [`steps.${index}.headers.${position}.value`]: message } };
  }
  return { fields: { [field]: message } };
}

function secretNameOf(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const name = error.errors[0]?.extensions?.secretName;
  return typeof name === 'string' ? name : undefined;
}
