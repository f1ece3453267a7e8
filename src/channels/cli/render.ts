// Renders an AssistantTurn as plain terminal text: the message text, cards as indented
// lines, file and image links, and the buttons numbered so the owner can type the number.
import type { AssistantTurn, Reply } from '../../domain/conversation.ts';

export type Choice = { id: string; label: string };

export function renderTurnText(turn: AssistantTurn, baseUrl = ''): { text: string; choices: Choice[] } {
  const choices: Choice[] = [];
  const blocks = turn.messages.map((m) => renderReply(m, choices, baseUrl));
  return { text: blocks.filter(Boolean).join('\n\n'), choices };
}

function renderReply(reply: Reply, choices: Choice[], baseUrl: string): string {
  const lines = [reply.text];
  for (const card of reply.cards ?? []) {
    lines.push('', `■ ${card.title}${card.subtitle ? `（${card.subtitle}）` : ''}`);
    for (const [k, v] of card.fields ?? []) lines.push(`  ${k}：${v}`);
    for (const a of card.actions ?? []) lines.push(`  ［${choices.push(a)}］${a.label}`);
  }
  if (reply.image) lines.push(`（図：${reply.image.alt} ${absolute(reply.image.url, baseUrl)}）`);
  for (const f of reply.files ?? []) lines.push(`（ファイル：${f.name} ${absolute(f.url, baseUrl)}）`);
  if (reply.choices?.length) lines.push(reply.choices.map((c) => `［${choices.push(c)}］${c.label}`).join('  '));
  return lines.join('\n');
}

const absolute = (url: string, base: string) => (/^https?:/.test(url) ? url : `${base}${url}`);
