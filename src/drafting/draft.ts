// The filled draft, before it is rendered: the document's sections, then what the owner still
// has to write, what to prepare before applying, the program's requirements as its document
// states them, the consistency checks, and the sources. The Markdown and .docx renderers both
// print exactly this (through outline.ts), so the two files carry the same content.
import type { Citation } from '../domain/conversation.ts';
import type { DraftKind } from './kinds.ts';

export type DraftBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'bullets'; items: string[] }
  | { type: 'table'; caption?: string; columns: string[]; rows: string[][] }
  | { type: 'note'; text: string }; // guidance for the owner, set apart from the plan's own text

export type DraftSection = { heading: string; level: 1 | 2; blocks: DraftBlock[] };

/** A field the owner did not give: it is marked 【要記入: …】 in the text. */
export type MissingItem = { field: string; label: string; why: string };

/** Something to obtain before applying, from the program document's prerequisites. */
export type Preparation = {
  name: string;
  required: boolean;
  text: string; // the line as shown
  leadDays?: number;
  startBy?: string; // YYYY-MM-DD, computed from the cited deadline
  late?: boolean;
  done?: boolean;
};

export type CheckStatus = 'meets' | 'misses' | 'incomplete';

/** A value a check computed from the owner's figures (shown in the draft, labelled as computed). */
export type ComputedValue = { kind: 'rate' | 'amount' | 'count'; value: number; text: string };

export type DraftCheck = {
  id: string;
  label: string;
  status: CheckStatus;
  requirement: { docId: string; passage: string; shown?: string };
  lines: string[]; // the result, how it was computed, what is missing
  computed: ComputedValue[];
  needs: string[]; // labels of the fields the check still needs
};

export type Draft = {
  kind: DraftKind;
  title: string;
  createdOn: string; // YYYY-MM-DD (Japan)
  companyName?: string;
  sections: DraftSection[];
  missing: MissingItem[];
  schedule: string[]; // the program's next deadline, or why there is none
  preparations: Preparation[];
  requirements: { docId: string; title: string; lines: string[] };
  reminders: string[];
  checks: DraftCheck[];
  citations: Citation[];
};
