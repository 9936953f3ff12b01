import { render, screen } from '@testing-library/react';
import { lazyPage, PageFrame } from './pages';

const page = (text: string) => ({ default: () => <p>{text}</p> });
const refused = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

/** A load that fails `failures` times, then serves the page; counts its calls. */
function flakyLoad(failures: number) {
  let calls = 0;
  return jest.fn(() => {
    calls += 1;
    return calls <= failures ? refused() : Promise.resolve(page('The page'));
  });
}

describe('pages', () => {
  // React reports each error a boundary catches on console.error; the error is the point here.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('fetches a page’s chunk again while the server refuses it, and then shows the page', async () => {
    const load = flakyLoad(2);
    const Page = lazyPage(load, [1, 1, 1]);
    render(
      <PageFrame resetKey="/a">
        <Page />
      </PageFrame>,
    );
    expect(await screen.findByText('The page')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('says the page could not be loaded once every try failed, and keeps what is around it', async () => {
    const load = flakyLoad(Infinity);
    const Page = lazyPage(load, [1, 1]);
    render(
      <>
        <nav>The menu</nav>
        <PageFrame resetKey="/a">
          <Page />
        </PageFrame>
      </>,
    );
    expect(await screen.findByText(/This page could not be loaded/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(screen.getByText('The menu')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('clears the failure when another page is opened', async () => {
    const Broken = lazyPage(flakyLoad(Infinity), []);
    const Working = lazyPage(flakyLoad(0), []);
    const { rerender } = render(
      <PageFrame resetKey="/broken">
        <Broken />
      </PageFrame>,
    );
    expect(await screen.findByText(/This page could not be loaded/)).toBeInTheDocument();
    rerender(
      <PageFrame resetKey="/working">
        <Working />
      </PageFrame>,
    );
    expect(await screen.findByText('The page')).toBeInTheDocument();
    expect(screen.queryByText(/This page could not be loaded/)).not.toBeInTheDocument();
  });

  it('says a page that failed while drawing went wrong, not that it could not be loaded', async () => {
    const Failing = () => {
      throw new TypeError('a bug of the page');
    };
    const Page = lazyPage(() => Promise.resolve({ default: Failing }), []);
    render(
      <PageFrame resetKey="/a">
        <Page />
      </PageFrame>,
    );
    expect(
      await screen.findByText(/Something went wrong while showing this page/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });
});
