import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionAuthScheme } from './connection.entity';

// Rules (https, header names, the secret's kind) are applied by the service.

@InputType()
export class CreateConnectionInput {
  @Field()
  name: string;

  @Field()
  provider: string;

  @Field()
  baseUrl: string;

  @Field(() => ConnectionAuthScheme)
  authScheme: ConnectionAuthScheme;

  @Field(() => String, { nullable: true })
  headerName?: string | null;

  @Field(() => ID)
  secretId: string;
}

@InputType()
export class UpdateConnectionInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  provider?: string | null;

  @Field(() => String, { nullable: true })
  baseUrl?: string | null;

  @Field(() => ConnectionAuthScheme, { nullable: true })
  authScheme?: ConnectionAuthScheme | null;

  @Field(() => String, { nullable: true })
  headerName?: string | null;

  @Field(() => ID, { nullable: true })
  secretId?: string | null;
}

@ObjectType()
export class ConnectionTest {
  @Field()
  ok: boolean;

  @Field(() => Int, { nullable: true })
  httpStatus: number | null;

  @Field(() => String, { nullable: true })
  errorCode: string | null;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => Int)
  durationMs: number;
}
