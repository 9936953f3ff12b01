import { IsEmail, Length, MaxLength, MinLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { ApiToken } from './api-token.entity';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';
import { Role } from './role';

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'Enter a valid email address.' })
  @MaxLength(320)
  email: string;

  @Field()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `A password is ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
  })
  password: string;

  @Field(() => Role)
  role: Role;
}

@InputType()
export class CreateApiTokenInput {
  @Field()
  @MinLength(1, { message: 'Give the token a name.' })
  @MaxLength(100, { message: 'A token name is at most 100 characters.' })
  name: string;

  @Field(() => Role)
  role: Role;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field({ description: 'Shown once; send it as Authorization: Bearer <token>.' })
  token: string;

  @Field(() => ApiToken)
  apiToken: ApiToken;
}
