// The kinds of application draft tsunagu writes (DESIGN §6, contract): the `--kind` values of
// `tsunagu draft` and the names of the template files in knowledge/templates/. One list with the
// draft kinds the understanding reads from a message.
import { DRAFT_KINDS, type DraftKind } from '../domain/intents.ts';

export { DRAFT_KINDS, type DraftKind };

export function isDraftKind(s: string): s is DraftKind {
  return (DRAFT_KINDS as readonly string[]).includes(s);
}
