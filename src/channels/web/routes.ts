// The web chat channel: the page (/chat), its API (POST /api/chat, GET /api/chat/history),
// checked with zod before anything else. Thin: it validates, calls the assistant, returns JSON.
import express, { type Router } from 'express';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OwnerProfileSchema, type AssistantTurn, type InboundMessage, type OwnerProfile } from '../../domain/conversation.ts';
import type { TranscriptEntry } from '../../assistant/ports.ts';
import { sendError } from '../../server/errors.ts';

export const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
/** Larger messages are refused by the body parser (413); the assistant bounds the text itself. */
export const MAX_BODY = '32kb';

export type ChatCore = {
  handle(msg: InboundMessage, profile?: OwnerProfile): Promise<AssistantTurn>;
  history(sessionKey: string, limit: number): TranscriptEntry[];
};

/** A web session id is the owner's key: long enough not to be guessed, URL-safe. */
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'expected 8–128 characters of A-Z, a-z, 0-9, _ or -');

export const ChatRequest = z
  .object({
    sessionId: SessionId,
    text: z.string().max(10_000, 'expected at most 10000 characters').optional(),
    postback: z.string().min(1).max(300).optional(),
    profile: OwnerProfileSchema.optional(),
  })
  .strict()
  .refine((b) => b.text !== undefined || b.postback !== undefined || b.profile !== undefined, {
    message: 'expected at least one of text, postback or profile',
    path: ['text'],
  });

export function webChatRoutes(core: ChatCore): Router {
  const router = express.Router();
  const json = express.json({ limit: MAX_BODY, type: () => true });

  router.get('/chat', (_req, res) => res.sendFile(path.join(PUBLIC_DIR, 'chat.html')));
  router.use('/chat/assets', express.static(PUBLIC_DIR, { index: false, maxAge: '1h' }));

  router.post('/api/chat', json, async (req, res) => {
    const parsed = ChatRequest.safeParse(req.body);
    if (!parsed.success) return sendError(res, 400, 'invalid_request', parsed.error.issues[0]!);
    const { sessionId, text, postback, profile } = parsed.data;
    const turn = await core.handle({ channel: 'web', userId: sessionId, text, postback, receivedAt: new Date() }, profile);
    res.json(turn);
  });

  router.get('/api/chat/history', (req, res) => {
    const parsed = SessionId.safeParse(req.query.sessionId);
    if (!parsed.success) return sendError(res, 400, 'invalid_request', { path: ['sessionId'], message: parsed.error.issues[0]!.message });
    res.json({ entries: core.history(`web:${parsed.data}`, 100) });
  });
  return router;
}
