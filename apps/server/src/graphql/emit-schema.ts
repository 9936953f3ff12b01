import { resolve } from 'node:path';
import { emitSchemaDefinitionFile } from 'type-graphql';
import { createLocalPubSub } from '../db/topics';
import { buildAppSchema } from './schema';

/** Writes packages/schema/schema.graphql, the seam between the server and its clients. */
async function main(): Promise<void> {
  const path = resolve(__dirname, '../../../../packages/schema/schema.graphql');
  await emitSchemaDefinitionFile(path, await buildAppSchema(createLocalPubSub()));
  console.log(`schema written to ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
