// The real `tsunagu serve` process: a diagnosis in progress survives `kill -9` and continues
// at the same question after a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from '../helpers/fixtures.ts';
import { postChat } from '../helpers/app.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'tsunagu.js'), 'serve'], {
    env: { ...process.env, PORT: String(port), TSUNAGU_DATA_DIR: dataDir, TSUNAGU_KNOWLEDGE_DIRS: FIXTURE_KNOWLEDGE, TSUNAGU_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('tsunagu is ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return child;
}

const lastQuestion = (json: { messages: { text: string; choices?: { id: string }[] }[] }) => json.messages.at(-1)!;

describe('tsunagu serve: resume after kill -9', () => {
  const tmp = tempDir();
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    tmp.cleanup();
  });

  it('continues a diagnosis exactly where it was', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const sessionId = 'owner-restart-1';
    children.push(await startServer(tmp.dir, port));

    let turn = (await postChat(base, { sessionId, postback: 'menu:diagnosis' })).json;
    for (let i = 0; i < 2; i++) {
      const choice = lastQuestion(turn).choices!.find((c) => /^diag:[^:]+:[^:]+$/.test(c.id) && !c.id.includes('skip'))!;
      turn = (await postChat(base, { sessionId, postback: choice.id })).json;
    }
    const before = lastQuestion(turn);

    children[0]!.kill('SIGKILL');
    await new Promise((r) => children[0]!.once('exit', r));
    children.push(await startServer(tmp.dir, port));

    const resumed = (await postChat(base, { sessionId, postback: 'menu:resume' })).json;
    expect(resumed.meta.intent).toBe('diagnosis');
    const again = lastQuestion(resumed);
    expect(again.text).toBe(before.text);
    expect(again.choices!.map((c: { id: string }) => c.id)).toEqual(before.choices!.map((c: { id: string }) => c.id));
    const history = (await (await fetch(`${base}/api/chat/history?sessionId=${sessionId}`)).json()) as any;
    expect(history.entries.length).toBeGreaterThanOrEqual(6);
  });
});
