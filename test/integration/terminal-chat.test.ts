// The terminal chat as a script would use it: questions piped in, answers on stdout.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/assistant/messages.ja.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { runTerminalChat } from '../../src/channels/cli/terminal-chat.ts';
import { FIXTURE_KNOWLEDGE, tempDir } from '../helpers/fixtures.ts';

const data = tempDir();
afterAll(() => data.cleanup());

function runCli(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'tsunagu.js'), 'chat'], {
      env: { ...process.env, TSUNAGU_DATA_DIR: data.dir, TSUNAGU_KNOWLEDGE_DIRS: FIXTURE_KNOWLEDGE },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('tsunagu chat, piped', () => {
  it('answers each line with sources, refuses what it cannot answer, and exits at end of input', async () => {
    const { code, stdout, stderr } = await runCli('機械導入応援補助金の補助率は？\n\n東京タワーの高さは？\n');
    expect(code).toBe(0);
    const [first, second] = stdout.trim().split(/\n\n(?=申し訳)/);
    expect(first).toContain('1/2');
    expect(first).toContain('【出典】');
    expect(first).toContain('機械導入応援補助金');
    expect(second).toContain(messages.notFound.split('\n')[0]);
    expect(stdout).not.toContain(messages.welcome.split('\n')[0]); // no banner when piped
    expect(stderr).toContain('index:'); // the first run builds the index and says so on stderr
  });
});

describe('runTerminalChat', () => {
  it('keeps going after an internal error, showing a plain Japanese message', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => (out += d));
    const errors: unknown[] = [];
    const done = runTerminalChat({
      input,
      output,
      interactive: false,
      respond: async (q) => {
        if (q === '壊す') throw new Error('boom');
        return `答え: ${q}`;
      },
      onError: (e) => errors.push(e),
    });
    input.end('壊す\nこんにちは\n終了\n無視される\n');
    await done;
    expect(out).toContain(messages.internalError);
    expect(out).toContain('答え: こんにちは');
    expect(out).not.toContain('無視される');
    expect(out).not.toContain('boom');
    expect(errors).toHaveLength(1);
  });
});
