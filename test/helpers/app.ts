// Builds the real application graph (the same composition root as `npm start`) on the fixture
// knowledge root, a temporary data dir and a fixed clock; optionally listens on a free port.
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp, type AppOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from './fixtures.ts';

export const FIXED_NOW = new Date('2026-11-21T01:00:00Z'); // 10:00 in Japan

export async function startTestApp(opts: AppOptions & { env?: Record<string, string>; dataDir?: string; listen?: boolean } = {}) {
  const tmp = opts.dataDir ? undefined : tempDir();
  const config = loadConfig({ TSUNAGU_DATA_DIR: opts.dataDir ?? tmp!.dir, TSUNAGU_KNOWLEDGE_DIRS: FIXTURE_KNOWLEDGE, ...opts.env });
  const app = await createApp(config, { clock: () => FIXED_NOW, log: pino({ level: 'silent' }), ...opts });
  let baseUrl = '';
  let server: ReturnType<ReturnType<typeof app.http>['listen']> | undefined;
  if (opts.listen !== false) {
    server = app.http().listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return {
    app,
    baseUrl,
    dataDir: config.dataDir,
    close: async () => {
      if (server) await new Promise((r) => server!.close(r));
      app.close();
      tmp?.cleanup();
    },
  };
}

export async function postChat(baseUrl: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${baseUrl}/api/chat`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}
