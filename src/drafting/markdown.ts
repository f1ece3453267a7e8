// The draft as Markdown that reads well as plain text: # headings, paragraphs, "- " lists,
// pipe tables and "> " notes for the guidance.
import type { DraftBlock } from './draft.ts';
import { draftOutline, type Outline } from './outline.ts';
import type { Draft } from './draft.ts';

const cell = (s: string) => s.replace(/\|/g, '｜').replace(/\n/g, ' ');

function block(b: DraftBlock): string {
  switch (b.type) {
    case 'paragraph':
      return b.text;
    case 'note':
      return `> ${b.text}`;
    case 'bullets':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'table': {
      const head = `| ${b.columns.map(cell).join(' | ')} |`;
      const rule = `| ${b.columns.map(() => '---').join(' | ')} |`;
      const rows = b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
      return [...(b.caption ? [`**${b.caption}**`, ''] : []), head, rule, ...rows].join('\n');
    }
  }
}

export function renderOutlineMarkdown(outline: Outline): string {
  const parts = [`# ${outline.title}`, outline.preface.join('  \n')];
  for (const s of outline.sections) {
    parts.push(`${s.level === 1 ? '##' : '###'} ${s.heading}`);
    parts.push(...s.blocks.map(block));
  }
  return `${parts.join('\n\n')}\n`;
}

export function renderMarkdown(draft: Draft): string {
  return renderOutlineMarkdown(draftOutline(draft));
}
