// The one HTTP server (DESIGN §6): web chat, files, health. Channels and the console mount
// their own routers here. JSON parsing is per route, never global: webhook signature checks
// need the raw body.
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logger.ts';
import { webChatRoutes, type ChatCore } from '../channels/web/routes.ts';
import type { StoredFile } from '../store/files.ts';
import type { ChannelAdapter } from '../channels/common/channel.ts';
import { sendError } from './errors.ts';

export type ServerDeps = {
  core: ChatCore;
  files: { get(token: string, at: Date): StoredFile | undefined };
  health: () => { ok: boolean; [k: string]: unknown };
  log: Logger;
  /** Chat-platform webhooks (LINE, Slack, Teams) that are configured. */
  channels?: ChannelAdapter[];
};

export function createHttpApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'script-src': ["'self'"], 'style-src': ["'self'"] } },
    }),
  );

  app.get('/healthz', (_req, res) => {
    const h = deps.health();
    res.status(h.ok ? 200 : 503).json(h);
  });
  app.get('/', (_req, res) => res.redirect('/chat'));
  for (const channel of deps.channels ?? []) channel.mount(app);
  app.use(webChatRoutes(deps.core));

  app.get('/files/:token', (req, res) => {
    const file = deps.files.get(req.params.token, new Date());
    if (!file) return sendError(res, 404, 'not_found', { message: 'this link is unknown or has expired' });
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.send(file.bytes);
  });

  app.use((_req, res) => sendError(res, 404, 'not_found', { message: 'no such page' }));
  const onError: ErrorRequestHandler = (err: { status?: number; type?: string; message?: string }, req, res, _next) => {
    if (err.type === 'entity.too.large') return sendError(res, 413, 'too_large', { message: 'request body is too large' });
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'invalid_json', { message: 'request body is not valid JSON' });
    // other body-parser refusals (415 unknown encoding, 400 aborted or wrong length) keep their status
    if (err.type && typeof err.status === 'number' && err.status >= 400 && err.status < 500) return sendError(res, err.status, 'bad_request', { message: err.message ?? 'bad request' });
    deps.log.error({ err, path: req.path }, 'request failed');
    if (res.headersSent) return;
    sendError(res, 500, 'internal', { message: 'internal error' });
  };
  app.use(onError);
  return app;
}
