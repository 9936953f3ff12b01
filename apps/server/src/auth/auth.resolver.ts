import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AppError } from '../common/errors';
import { CurrentPrincipal, type GraphQLContext } from '../graphql/context';
import { ApiToken } from './api-token.entity';
import { CreateApiTokenInput, CreatedApiToken, CreateUserInput } from './auth.inputs';
import type { Principal } from './principal';
import { Role } from './role';
import { Session } from './session.entity';
import { User } from './user.entity';

@Resolver()
export class AuthResolver {
  @Mutation(() => Session, { description: 'Sets an HttpOnly session cookie.' })
  async login(
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Ctx() { services, client, sessionCookie, principal }: GraphQLContext,
  ): Promise<Session> {
    if (!sessionCookie)
      throw new AppError('BAD_USER_INPUT', 'Log in over HTTP, then open the WebSocket.');
    const { session, token } = await services.auth.login(
      email,
      password,
      client,
      principal?.sessionId,
    );
    sessionCookie.set(token, session.expiresAt);
    return session;
  }

  @Authorized()
  @Mutation(() => Boolean)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services, sessionCookie }: GraphQLContext,
  ) {
    await services.auth.logout(principal);
    sessionCookie?.clear();
    return true;
  }

  /** Null when the caller is not logged in, so that the SPA can ask without an error. */
  @Query(() => User, { nullable: true })
  async me(@Ctx() { principal, services }: GraphQLContext): Promise<User | null> {
    if (!principal?.userId) return null;
    return services.users.get(principal.userId);
  }

  @Authorized()
  @Query(() => [User])
  users(@Ctx() { services }: GraphQLContext): Promise<User[]> {
    return services.users.list();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User)
  createUser(
    @Arg('input') input: CreateUserInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<User> {
    return services.users.create(input, principal);
  }

  @Authorized()
  @Query(() => [ApiToken])
  apiTokens(@Ctx() { services }: GraphQLContext): Promise<ApiToken[]> {
    return services.apiTokens.list();
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CreatedApiToken)
  createApiToken(
    @Arg('input') input: CreateApiTokenInput,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<CreatedApiToken> {
    return services.apiTokens.create(input, principal);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => ApiToken)
  revokeApiToken(
    @Arg('id', () => ID) id: string,
    @CurrentPrincipal() principal: Principal,
    @Ctx() { services }: GraphQLContext,
  ): Promise<ApiToken> {
    return services.apiTokens.revoke(id, principal);
  }
}
