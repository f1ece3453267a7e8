// Coded errors: one enum of codes, one class. Where a message reaches a user is decided
// at the edge (chat, HTTP), never here.
export const ErrorCode = {
  KnowledgeInvalid: 'knowledge_invalid', // a content file fails its schema
  PdfUnreadable: 'pdf_unreadable',
  ConfigInvalid: 'config_invalid',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class TsunaguError extends Error {
  /**
   * @param reason what is wrong, without the location (the message adds "file:line: ")
   * @param details where: the file, line and field concerned
   */
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly details: { file?: string; field?: string; line?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(describeProblem({ file: details.file, line: details.line, message: reason }), options);
    this.name = 'TsunaguError';
  }
}

/** "file:line: field: message" — the shape every loader error is printed in. */
export function describeProblem(p: { file?: string; line?: number; field?: string; message: string }): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined].filter(Boolean).join(':');
  return [where, p.field, p.message].filter(Boolean).join(': ');
}
