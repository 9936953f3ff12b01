// The rules the server and the web app both apply, so that what a form accepts is what the
// API accepts. Pure functions, no imports: the server requires the built CommonJS (dist/),
// the web app, jest and typecheck read these sources (the "source" export condition).
export * from './allowed-hosts';
export * from './header-names';
export * from './links';
export * from './template';
