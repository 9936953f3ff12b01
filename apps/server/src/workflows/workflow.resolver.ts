import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { CurrentPrincipal, type GraphQLContext } from '../graphql/context';
import { type HttpRequestStep, Workflow } from './workflow.entity';
import { WorkflowInput } from './workflow.inputs';
import { WorkflowRun } from './workflow-run.entity';

@Resolver(() => Workflow)
export class WorkflowResolver {
  @Authorized()
  @Query(() => [Workflow])
  workflows(@Ctx() { services }: GraphQLContext): Promise<Workflow[]> {
    return services.workflows.list();
  }

  @Authorized()
  @Query(() => Workflow, { nullable: true })
  workflow(
    @Arg('id', () => ID) id: string,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Workflow | null> {
    return services.workflows.get(id);
  }

  @Authorized()
  @Query(() => WorkflowRun, { nullable: true })
  workflowRun(
    @Arg('id', () => ID) id: string,
    @Ctx() { services }: GraphQLContext,
  ): Promise<WorkflowRun | null> {
    return services.workflows.getRun(id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Workflow)
  createWorkflow(
    @Arg('input') input: WorkflowInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Workflow> {
    return services.workflows.create(input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Workflow)
  updateWorkflow(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: WorkflowInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<Workflow> {
    return services.workflows.update(id, input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ID)
  deleteWorkflow(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<string> {
    return services.workflows.delete(id, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WorkflowRun)
  async runWorkflow(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<WorkflowRun> {
    return services.workflowRunner.run(await services.workflows.getOrFail(id), principal);
  }

  /**
   * As loaded with the workflow, or by DataLoader when it came without (a secret's
   * dependents, B2).
   */
  @FieldResolver()
  steps(
    @Root() workflow: Workflow,
    @Ctx() { loaders }: GraphQLContext,
  ): HttpRequestStep[] | Promise<HttpRequestStep[]> {
    return workflow.steps ?? loaders.workflowSteps.load(workflow.id);
  }

  @FieldResolver(() => [WorkflowRun])
  runs(
    @Root() workflow: Workflow,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, nullable: true }) first = 20,
  ): Promise<WorkflowRun[]> {
    return loaders.workflowRuns.load({ id: workflow.id, first });
  }
}

@Resolver(() => WorkflowRun)
export class WorkflowRunResolver {
  /** Null once the workflow is deleted; the run stays on record. */
  @FieldResolver(() => Workflow, { nullable: true })
  workflow(@Root() run: WorkflowRun, @Ctx() { loaders }: GraphQLContext): Promise<Workflow | null> {
    return run.workflowId ? loaders.workflowById.load(run.workflowId) : Promise.resolve(null);
  }
}
