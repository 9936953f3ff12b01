import { Field, InputType } from 'type-graphql';
import { HttpMethod } from './workflow.entity';

// Limits and the secret rules (W2, W4) are applied by workflow-rules.ts.

@InputType()
export class HttpHeaderInput {
  @Field()
  name: string;

  @Field()
  value: string;
}

@InputType()
export class HttpRequestStepInput {
  @Field()
  name: string;

  @Field(() => HttpMethod)
  method: HttpMethod;

  @Field()
  url: string;

  @Field(() => [HttpHeaderInput], { nullable: true })
  headers?: HttpHeaderInput[] | null;

  @Field(() => String, { nullable: true })
  body?: string | null;
}

@InputType()
export class WorkflowInput {
  @Field()
  name: string;

  @Field(() => [HttpRequestStepInput])
  steps: HttpRequestStepInput[];
}
