import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SecretUse } from '../secrets/secret-use';
import { Workflow } from './workflow.entity';

export enum RunStatus {
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  RUNNING = 'RUNNING',
}
registerEnumType(RunStatus, {
  name: 'RunStatus',
  valuesConfig: {
    RUNNING: {
      description: 'Started and not finished yet; only a run has this status, never a step.',
    },
  },
});

/** Why a run failed when none of its steps did. */
export const INTERRUPTED = 'INTERRUPTED';

/**
 * A run, recorded when it starts and finished when it ends; it outlives its workflow
 * (`workflow` becomes null).
 */
@ObjectType()
@Entity('workflow_runs')
export class WorkflowRun {
  /** Chosen before the run starts, so that audit entries of its secret uses can name it. */
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'workflow_id', type: 'uuid', nullable: true })
  workflowId: string | null;

  @ManyToOne(() => Workflow, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'workflow_id' })
  workflow: Relation<Workflow> | null;

  @Field(() => RunStatus)
  @Column({ type: 'text' })
  status: RunStatus;

  @Field()
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The server process running it (RunnerLease); while its lease is gone the run is interrupted. */
  @Column({ name: 'runner_id', type: 'bigint', nullable: true })
  runnerId: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the run failed when none of its steps did: INTERRUPTED when it stopped before finishing, because the server running it died or hit an internal error. A failed step carries its own errorCode.',
  })
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Field(() => [StepRun], { description: 'The steps finished so far, in order.' })
  @OneToMany(() => StepRun, (step) => step.run, { cascade: ['insert'] })
  steps: Relation<StepRun>[];
}

@ObjectType()
@Entity('step_runs')
export class StepRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @ManyToOne(() => WorkflowRun, (run) => run.steps, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run: Relation<WorkflowRun>;

  @Column({ type: 'integer' })
  position: number;

  @Field(() => ID)
  @Column({ name: 'step_id', type: 'uuid' })
  stepId: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => RunStatus)
  @Column({ type: 'text' })
  status: RunStatus;

  @Field(() => Int, { nullable: true })
  @Column({ name: 'http_status', type: 'integer', nullable: true })
  httpStatus: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the step failed: SECRET_REVOKED, SECRET_EXPIRED, SECRET_NOT_FOUND, INSECURE_URL, HTTP_ERROR, TIMEOUT, NETWORK_ERROR, ...',
  })
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'At most 64 KiB of the response body, every secret value used by the step replaced by ***.',
  })
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Field(() => Int)
  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  /** V4: recorded with the step, as the secrets were named and numbered when it ran. */
  @Field(() => [SecretUse], {
    description: 'Every secret the step sent, connection secrets included, with the version sent.',
  })
  @Column({ name: 'secrets_used', type: 'jsonb', default: () => "'[]'" })
  secretsUsed: SecretUse[];
}
