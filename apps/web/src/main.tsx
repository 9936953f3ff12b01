import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// A placeholder until the admin app lands (issue 5): the API is usable at /graphql.
function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '4rem auto' }}>
      <h1>Secrets</h1>
      <p>
        The secrets service is running. The GraphQL API is served at <a href="/graphql">/graphql</a>
        .
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
