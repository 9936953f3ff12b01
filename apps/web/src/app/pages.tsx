import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

export const Loading = () => (
  <Box sx={{ display: 'grid', placeItems: 'center', p: 6 }}>
    <CircularProgress aria-label="Loading" />
  </Box>
);

/**
 * The waits before each new try of a page's chunk: about 15 s in all, what a replica takes
 * to restart, after which the page says it could not be loaded.
 */
const CHUNK_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000] as const;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A page's chunk that could not be fetched, after every try: not a bug of the page. */
class PageLoadError extends Error {}

/**
 * A page loaded on first use (React.lazy) whose chunk is fetched again when the fetch fails.
 * A replica that restarts while someone opens a page refuses the chunk for a moment; without
 * new tries the page stayed broken until a reload. Browsers that follow whatwg/html#10327
 * (Chromium does) fetch a failed module again on the next import(); one that keeps the
 * failure fails every try, and `PageFrame` then offers a reload.
 */
export function lazyPage(
  load: () => Promise<{ default: ComponentType }>,
  delaysMs: readonly number[] = CHUNK_RETRY_DELAYS_MS,
) {
  return lazy(async () => {
    for (const delay of delaysMs) {
      try {
        return await load();
      } catch {
        await sleep(delay);
      }
    }
    try {
      return await load();
    } catch (error) {
      throw new PageLoadError('The page could not be loaded.', { cause: error });
    }
  });
}

interface PageFrameProps {
  /** A new value (the path) clears an error: another page may load. */
  resetKey: string;
  children: ReactNode;
}

/**
 * Where the current page is drawn, inside the layout: while its chunk loads, and if it fails,
 * only the page's area changes. The menu, the bell and the live updates stay mounted, so a
 * page that failed to load does not also stop the reminders (an error thrown while rendering
 * used to unmount the whole app).
 */
export class PageFrame extends Component<PageFrameProps, { failure: string | null }> {
  override state = { failure: null };

  /** What the page says: a chunk that did not come, or an error of the page itself. */
  static getDerivedStateFromError(error: unknown): { failure: string } {
    return {
      failure:
        error instanceof PageLoadError
          ? 'This page could not be loaded. The server may have been restarting: reload to try again.'
          : 'Something went wrong while showing this page. Reload to try again.',
    };
  }

  override componentDidUpdate(previous: PageFrameProps): void {
    if (this.state.failure && previous.resetKey !== this.props.resetKey) {
      this.setState({ failure: null });
    }
  }

  override render() {
    if (this.state.failure) {
      return (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => window.location.reload()}>
              Reload
            </Button>
          }
        >
          {this.state.failure}
        </Alert>
      );
    }
    return <Suspense fallback={<Loading />}>{this.props.children}</Suspense>;
  }
}
