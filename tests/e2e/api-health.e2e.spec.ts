import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../apps/api/src/app.module';

/** The API on its embedded default (PGlite in a data directory), over real HTTP. */
describe('API health on the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-api-'));
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    process.env.EVENT_STORE = 'pglite';
    process.env.PGLITE_DATA_DIR = dataDir;
    app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    delete process.env.EVENT_STORE;
    delete process.env.PGLITE_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports ok with the adapter and an empty log', async () => {
    const response = await fetch(`${baseUrl}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', eventStore: { adapter: 'pglite', head: null } });
  });
});
