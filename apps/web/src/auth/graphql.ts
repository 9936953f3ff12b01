import { graphql } from '@secrets/schema';

export const MeDocument = graphql(`
  query WebMe {
    me {
      id
      email
      role
    }
  }
`);

export const LoginDocument = graphql(`
  mutation WebLogin($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      user {
        id
        email
        role
      }
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation WebLogout {
    logout
  }
`);
