// One shape for every HTTP error the server returns: {"error": {"code", "field"?, "message"}}.
import type { Response } from 'express';

export function sendError(res: Response, status: number, code: string, issue?: { path?: PropertyKey[]; message: string }) {
  const field = issue?.path?.length ? issue.path.map(String).join('.') : undefined;
  res.status(status).json({ error: { code, ...(field ? { field } : {}), message: issue?.message ?? code } });
}
