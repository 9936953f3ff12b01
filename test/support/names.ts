let sequence = 0;

/** A fresh name for each object a test makes, so that tests never depend on each other. */
export const uniqueName = (prefix = 'secret'): string =>
  `${prefix}_${++sequence}_${Math.random().toString(36).slice(2, 7)}`;
