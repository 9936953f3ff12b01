import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/pagination';
import { SecretKind, SecretStatus } from './secret-kind';
import { Secret } from './secret.entity';

// Rules that depend on the kind (names, values) live in secret-rules.ts, applied by the service.

@InputType()
export class SecretFilter {
  @Field(() => SecretKind, { nullable: true })
  kind?: SecretKind | null;

  @Field(() => [SecretStatus], { nullable: true })
  status?: SecretStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive match on name or description.',
  })
  search?: string | null;
}

@InputType()
export class CreateSecretInput {
  @Field(() => SecretKind)
  kind: SecretKind;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field()
  value: string;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;

  @Field(() => [String], { nullable: true })
  allowedHosts?: string[] | null;
}

@InputType({
  description: 'Absent fields stay as they are; an explicit null clears description or expiresAt.',
})
export class UpdateSecretInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  value?: string | null;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;

  @Field(() => [String], { nullable: true })
  allowedHosts?: string[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Check-and-set: when given, the update applies only if the current valueVersion equals it (else VERSION_CONFLICT, nothing changed).',
  })
  expectedValueVersion?: number | null;
}

@ObjectType()
export class SecretPage {
  @Field(() => [Secret])
  nodes: Secret[];

  @Field(() => Int)
  totalCount: number;

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}
