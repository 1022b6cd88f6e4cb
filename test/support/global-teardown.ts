import { dropDatabase, type ScratchServer } from '../../src/db/scratch-database';
import { TEMPLATE_DB } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __SCRATCH__?: ScratchServer }).__SCRATCH__;
  if (!server) return;
  if (!server.embedded) await dropDatabase(server.adminUrl, TEMPLATE_DB).catch(() => undefined);
  await server.stop();
}
