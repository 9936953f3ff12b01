import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ALLOWED_HOSTS_HELP, AllowedHostsField } from './AllowedHostsField';

const field = () => screen.getByRole('combobox', { name: 'Allowed hosts (optional)' });
const chips = () =>
  Array.from(document.querySelectorAll('.MuiChip-label'), (chip) => chip.textContent);

/** The field with its list kept in state, as the forms keep it; `seen` records each list. */
function Harness({ initial = [], seen }: { initial?: string[]; seen: string[][] }) {
  const [hosts, setHosts] = useState(initial);
  return (
    <AllowedHostsField
      hosts={hosts}
      onChange={(next) => {
        seen.push(next);
        setHosts(next);
      }}
    />
  );
}

describe('AllowedHostsField', () => {
  it('says that an empty list allows any host and how to write subdomains', () => {
    render(<Harness seen={[]} />);
    expect(field()).toHaveAccessibleDescription(ALLOWED_HOSTS_HELP);
    expect(field()).toHaveAttribute('placeholder', 'Any host');
    expect(ALLOWED_HOSTS_HELP).toMatch(/Leave empty to allow any host/);
    expect(ALLOWED_HOSTS_HELP).toMatch(/\*\.example\.com for subdomains/);
  });

  it('makes a chip of each host ended by Enter, a comma or a space, lower-cased, once', async () => {
    const seen: string[][] = [];
    render(<Harness seen={seen} />);
    await userEvent.type(field(), 'API.example.com{Enter}*.atlassian.net,api.example.com ');
    expect(chips()).toEqual(['api.example.com', '*.atlassian.net']);
    expect(field()).toHaveValue('');
    expect(seen.at(-1)).toEqual(['api.example.com', '*.atlassian.net']);
  });

  it('makes chips of a pasted list, line breaks included', async () => {
    render(<Harness initial={['a.example.com']} seen={[]} />);
    await userEvent.click(field());
    await userEvent.paste('b.example.com,\nc.example.com\n*.example.org\n');
    expect(chips()).toEqual(['a.example.com', 'b.example.com', 'c.example.com', '*.example.org']);
    expect(field()).toHaveValue('');
  });

  it('refuses more than 50 hosts, as the server does', async () => {
    render(<Harness seen={[]} />);
    await userEvent.click(field());
    await userEvent.paste(Array.from({ length: 51 }, (_, n) => `h${n}.example.com`).join('\n'));
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription('At most 50 allowed hosts.');
  });

  it('keeps a host typed without Enter when the field loses focus', async () => {
    const seen: string[][] = [];
    render(<Harness seen={seen} />);
    await userEvent.type(field(), 'hooks.slack.com');
    await userEvent.tab();
    expect(chips()).toEqual(['hooks.slack.com']);
    expect(seen.at(-1)).toEqual(['hooks.slack.com']);
  });

  it('marks an entry that is not a host with the server rule and its message', async () => {
    render(<Harness seen={[]} />);
    await userEvent.type(field(), 'https://example.com/path{Enter}');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription(
      '"https://example.com/path" is not a host name; write example.com or *.example.com.',
    );
    for (const bad of ['*', 'a.*.com', '-bad.com', 'example.com:8443']) {
      // Backspace in the empty input removes the last chip.
      await userEvent.type(field(), `{Backspace}${bad}{Enter}`);
      expect(chips()).toEqual([bad]);
      expect(field()).toHaveAttribute('aria-invalid', 'true');
    }
    await userEvent.type(field(), '{Backspace}127.0.0.1{Enter}');
    expect(field()).toHaveAttribute('aria-invalid', 'false');
  });

  it('removes one chip with its delete icon, or all with Clear allowed hosts', async () => {
    const seen: string[][] = [];
    render(<Harness initial={['a.example.com', 'b.example.com']} seen={seen} />);
    const chip = screen.getByText('a.example.com').closest('.MuiChip-root');
    const remove = chip?.querySelector('.MuiChip-deleteIcon');
    if (!remove) throw new Error('The chip has no delete icon.');
    await userEvent.click(remove);
    expect(seen.at(-1)).toEqual(['b.example.com']);
    // Shown on hover or focus, which jsdom's styles do not apply: found by its title.
    await userEvent.click(screen.getByTitle('Clear allowed hosts'));
    expect(seen.at(-1)).toEqual([]);
    expect(chips()).toEqual([]);
  });
});
