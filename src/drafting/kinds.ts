// The kinds of application draft tsunagu writes (DESIGN §6, contract): the `--kind` values of
// `tsunagu draft` and the names of the template files in knowledge/templates/.
export const DRAFT_KINDS = ['jigyokei', 'jigyokei-renkei', 'monozukuri', 'jizokuka'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

export function isDraftKind(s: string): s is DraftKind {
  return (DRAFT_KINDS as readonly string[]).includes(s);
}
