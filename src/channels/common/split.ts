// Splits a long text for a platform's message limit: at paragraph breaks first, then line
// breaks, then sentence ends, and only as a last resort inside a line. Counts code points.

/** Pieces of at most `max` characters, in order, none empty. */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError('max must be at least 1');
  const pieces: string[] = [];
  let rest = text.trim();
  while ([...rest].length > max) {
    const head = [...rest].slice(0, max).join('');
    const cut = lastBreak(head);
    const piece = (cut > 0 ? head.slice(0, cut) : head).trimEnd();
    pieces.push(piece);
    rest = rest.slice(cut > 0 ? cut : head.length).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Where to cut inside `head` (an index after the break), preferring the strongest break in its second half. */
function lastBreak(head: string): number {
  const half = Math.floor(head.length / 2);
  for (const re of [/\n\n/g, /\n/g, /[。！？!?]/g]) {
    let at = -1;
    for (const m of head.matchAll(re)) at = m.index! + m[0].length;
    if (at >= half) return at;
  }
  return -1;
}
