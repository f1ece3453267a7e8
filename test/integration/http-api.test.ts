import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/assistant/messages.ja.ts';
import { PUBLIC_DIR } from '../../src/channels/web/routes.ts';
import { postChat, startTestApp } from '../helpers/app.ts';

describe('HTTP server: web chat API, health, files', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health', async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, chunks: expect.any(Number), partners: 2 });
  });

  it('serves the chat page with a strict content security policy and no external resources', async () => {
    const res = await fetch(`${t.baseUrl}/chat`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${t.baseUrl}/chat/assets/chat.js`)).status).toBe(200);
  });

  it('renders every server string as text, never as HTML', () => {
    const js = readFileSync(path.join(PUBLIC_DIR, 'chat.js'), 'utf8');
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('answers a turn in the AssistantTurn shape', async () => {
    const { status, json } = await postChat(t.baseUrl, { sessionId: 'owner-aaaaaaaa', postback: 'menu:welcome' });
    expect(status).toBe(200);
    expect(json.messages[0].text).toContain('つなぐ');
    expect(json.messages[0].choices.length).toBeGreaterThan(2);
    expect(json.meta).toEqual({ intent: 'smalltalk', citations: [], partners: [], subsidies: [], refusal: false });
  });

  it('answers a question from the knowledge base with its sources', async () => {
    const { json } = await postChat(t.baseUrl, { sessionId: 'owner-bbbbbbbb', text: '機械導入補助金の補助率は？' });
    expect(json.meta.citations.map((c: { docId: string }) => c.docId).join(' ')).toContain('subsidies/kikai-donyu');
    expect(json.meta.refusal).toBe(false);
  });

  it.each([
    [{ text: 'こんにちは' }, 'sessionId'],
    [{ sessionId: 'x', text: 'こんにちは' }, 'sessionId'],
    [{ sessionId: 'owner-cccccccc', text: 42 }, 'text'],
    [{ sessionId: 'owner-cccccccc' }, 'text'],
    [{ sessionId: 'owner-cccccccc', text: 'a', profile: { employees: '多い' } }, 'profile.employees'],
    [{ sessionId: 'owner-cccccccc', text: 'a', extra: 1 }, ''],
  ])('rejects %j with 400 naming the field', async (body, field) => {
    const { status, json } = await postChat(t.baseUrl, body);
    expect(status).toBe(400);
    expect(json.error.code).toBe('invalid_request');
    if (field) expect(json.error.field).toBe(field);
    expect(json.error.message).toMatch(/expected|Unrecognized|Invalid/i);
  });

  it('rejects malformed JSON with 400 and an oversize body with 413', async () => {
    expect((await postChat(t.baseUrl, '{"sessionId": "owner-dddddddd", "text": ')).status).toBe(400);
    const big = await postChat(t.baseUrl, { sessionId: 'owner-dddddddd', text: 'あ'.repeat(40_000) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('too_large');
    // a body in an encoding the server does not read is refused as such, not as an internal error
    const encoded = await postChat(t.baseUrl, '{}', { 'content-type': 'application/json', 'content-encoding': 'compress' });
    expect(encoded.status).toBe(415);
  });

  it('answers an over-long message politely instead of processing it', async () => {
    const { status, json } = await postChat(t.baseUrl, { sessionId: 'owner-eeeeeeee', text: 'あ'.repeat(1500) });
    expect(status).toBe(200);
    expect(json.messages[0].text).toBe(messages.tooLong(1000));
  });

  it('shows a session only its own history', async () => {
    await postChat(t.baseUrl, { sessionId: 'owner-ffffffff', text: '弊社の秘密の相談です' });
    const own = (await (await fetch(`${t.baseUrl}/api/chat/history?sessionId=owner-ffffffff`)).json()) as any;
    const other = (await (await fetch(`${t.baseUrl}/api/chat/history?sessionId=owner-gggggggg`)).json()) as any;
    expect(own.entries.map((e: { text: string }) => e.text)).toContain('弊社の秘密の相談です');
    expect(other.entries).toEqual([]);
    expect((await fetch(`${t.baseUrl}/api/chat/history?sessionId=..%2F..`)).status).toBe(400);
  });

  it('returns 404 for unknown files and pages', async () => {
    expect((await fetch(`${t.baseUrl}/files/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/nope`)).status).toBe(404);
  });
});
