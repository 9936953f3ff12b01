import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { SessionProvider, type SignedInUser } from '../auth/session';

/** What App.tsx provides around a page: Apollo (mocked here), date pickers and a router. */
export function renderWithProviders(
  ui: ReactElement,
  mocks: MockLink.MockedResponse[] = [],
  role: SignedInUser['role'] = 'ADMIN',
) {
  const user: SignedInUser = { id: 'user-1', email: 'admin@example.com', role };
  return render(
    <MockedProvider mocks={mocks}>
      <LocalizationProvider dateAdapter={AdapterDayjs}>
        <MemoryRouter initialEntries={['/settings/integrations/secrets']}>
          <SessionProvider user={user}>{ui}</SessionProvider>
        </MemoryRouter>
      </LocalizationProvider>
    </MockedProvider>,
  );
}
