import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { PageInfo } from '../common/pagination';
import type { GraphQLContext } from '../graphql/context';
import { AuditEvent } from './audit-event.entity';

@InputType()
export class AuditFilter {
  @Field(() => ID, { nullable: true })
  targetId?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;
}

@ObjectType()
export class AuditEventPage {
  @Field(() => [AuditEvent])
  nodes: AuditEvent[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@Resolver()
export class AuditResolver {
  @Authorized()
  @Query(() => AuditEventPage)
  auditEvents(
    @Ctx() { services }: GraphQLContext,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, nullable: true }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return services.audit.list(filter, first, after);
  }
}
