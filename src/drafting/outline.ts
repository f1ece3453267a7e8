// The whole draft as one outline of headed sections: the plan itself, then the checklist of
// what to write, the preparations and schedule, the program's requirements, the consistency
// checks and the sources. Both renderers print this outline, so .md and .docx say the same.
import { formatJaDate } from '../domain/format.ts';
import { draftText } from './drafting.ja.ts';
import type { Draft, DraftBlock, DraftSection } from './draft.ts';

export type Outline = { title: string; preface: string[]; sections: DraftSection[] };

export function draftOutline(draft: Draft): Outline {
  const preface = [
    draftText.createdOn(formatJaDate(draft.createdOn)),
    ...(draft.companyName ? [draftText.companyLine(draft.companyName)] : []),
    ...draftText.preface,
    draftText.missingCount(draft.missing.length),
  ];
  const titleOf = (docId: string) => draft.citations.find((c) => c.docId === docId)?.title ?? docId;
  const appendix: DraftSection[] = [
    {
      heading: draftText.headings.missing,
      level: 1,
      blocks: draft.missing.length ? [{ type: 'bullets', items: draft.missing.map((m) => draftText.missingItem(m.label, m.why)) }] : [{ type: 'paragraph', text: draftText.noMissing }],
    },
    {
      heading: draftText.headings.preparations,
      level: 1,
      blocks: [
        ...draft.schedule.map((text): DraftBlock => ({ type: 'paragraph', text })),
        draft.preparations.length ? { type: 'bullets', items: draft.preparations.map((p) => p.text) } : { type: 'paragraph', text: draftText.noPreparations },
        ...(draft.reminders.length ? [{ type: 'bullets', items: draft.reminders } as DraftBlock] : []),
      ],
    },
    ...(draft.requirements.lines.length
      ? [{ heading: draftText.headings.requirements(draft.requirements.title), level: 1 as const, blocks: [{ type: 'bullets', items: draft.requirements.lines } as DraftBlock] }]
      : []),
    {
      heading: draftText.headings.checks,
      level: 1,
      blocks: draft.checks.length
        ? [
            { type: 'paragraph', text: draftText.checksLead },
            ...draft.checks.flatMap((c): DraftBlock[] => [
              { type: 'paragraph', text: c.lines[0]! },
              ...c.lines.slice(1).map((text): DraftBlock => ({ type: 'note', text })),
              { type: 'note', text: draftText.checkSource(titleOf(c.requirement.docId)) },
            ]),
          ]
        : [{ type: 'paragraph', text: draftText.noChecks }],
    },
    {
      heading: draftText.headings.sources,
      level: 1,
      blocks: [{ type: 'bullets', items: draft.citations.map((c) => draftText.source(c.title, c.url, c.quote)) }],
    },
  ];
  return { title: draft.title, preface, sections: [...draft.sections, ...appendix] };
}
