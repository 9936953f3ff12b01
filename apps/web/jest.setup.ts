import { TextDecoder, TextEncoder } from 'node:util';

// react-router needs these, and jsdom lacks them (STACK.md).
Object.assign(globalThis, { TextEncoder, TextDecoder });
