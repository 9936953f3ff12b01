import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum HttpMethod {
  GET = 'GET',
  POST = 'POST',
  PUT = 'PUT',
  PATCH = 'PATCH',
  DELETE = 'DELETE',
}
registerEnumType(HttpMethod, { name: 'HttpMethod' });

@ObjectType()
export class HttpHeader {
  @Field()
  name: string;

  @Field({ description: 'As written, e.g. Bearer {secret:jira_pat}; never the substituted value.' })
  value: string;
}

@ObjectType()
@Entity('workflows')
export class Workflow {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  /**
   * Loaded by WorkflowService's queries, which the runner relies on; a secret's dependents
   * come without, and the GraphQL field then loads them (workflow.resolver.ts).
   */
  @Field(() => [HttpRequestStep])
  @OneToMany(() => HttpRequestStep, (step) => step.workflow, { cascade: ['insert'] })
  steps: Relation<HttpRequestStep>[];

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One HTTP Request step; headers are kept as written, references and all. */
@ObjectType()
@Entity('workflow_steps')
export class HttpRequestStep {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workflow_id', type: 'uuid' })
  workflowId: string;

  @ManyToOne(() => Workflow, (workflow) => workflow.steps, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workflow_id' })
  workflow: Relation<Workflow>;

  @Column({ type: 'integer' })
  position: number;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => HttpMethod)
  @Column({ type: 'text' })
  method: HttpMethod;

  @Field()
  @Column({ type: 'text' })
  url: string;

  @Field(() => [HttpHeader])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  headers: HttpHeader[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** The names of the webhook secrets referenced, as the secrets are named. */
  @Field(() => [String], {
    description: 'The webhook secret names that the header values reference.',
  })
  @Column({ name: 'secret_names', type: 'text', array: true, default: '{}' })
  secretNames: string[];
}
