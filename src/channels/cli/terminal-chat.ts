// The terminal chat: interactive with a prompt on a TTY; piped, it answers each input line
// and exits at the end of input, so scripts can use it.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { messages } from '../../assistant/messages.ja.ts';

const QUIT = new Set(['終了', 'しゅうりょう', 'おわり', '終わり', 'exit', 'quit', 'bye', ':q']);

export type TerminalChatOptions = {
  input: Readable;
  output: Writable;
  interactive: boolean;
  /** Answers one line (a question, or the number of a button shown before) with plain text. */
  respond: (line: string) => Promise<string>;
  /** Called when respond throws; the user sees a plain Japanese message instead. */
  onError?: (error: unknown) => void;
};

export async function runTerminalChat(opts: TerminalChatOptions): Promise<void> {
  const { input, output, interactive } = opts;
  const write = (s: string) => output.write(`${s}\n`);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  if (interactive) {
    write(messages.welcome);
    rl.setPrompt('\nあなた> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const question = line.trim();
    if (QUIT.has(question.toLowerCase())) break;
    if (question) {
      let answer: string;
      try {
        answer = await opts.respond(question);
      } catch (e) {
        opts.onError?.(e);
        answer = messages.internalError;
      }
      write(interactive ? `\nつなぐ> ${answer}` : `${answer}\n`);
    }
    if (interactive) rl.prompt();
  }
  if (interactive) write(`\n${messages.goodbye}`);
  rl.close();
}
