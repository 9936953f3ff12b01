/** Writes a throwaway CA and a server certificate for 127.0.0.1 into `dir`. */
export function createTestPki(dir: string): Promise<{ ca: string; key: string; cert: string }>;
