import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './app/apollo';
import { App } from './app/App';

// import.meta stays here: jest cannot load modules that use it (STACK.md).
const origin = import.meta.env.VITE_API_ORIGIN ?? window.location.origin;
const client = createApolloClient(origin);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <App />
      </ApolloProvider>
    </StrictMode>,
  );
}
