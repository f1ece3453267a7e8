// Japanese formatting of figures, shared by every place that prints an amount or a date.

/** 7500000 → "750万円", 100000000 → "1億円", 150000000 → "1億5,000万円", 3000 → "3,000円". */
export function formatYen(n: number): string {
  if (n >= 1e8) {
    const oku = Math.floor(n / 1e8);
    const man = Math.round((n % 1e8) / 1e4);
    return man ? `${oku}億${man.toLocaleString('ja-JP')}万円` : `${oku}億円`;
  }
  if (n >= 1e4 && n % 1e4 === 0) return `${(n / 1e4).toLocaleString('ja-JP')}万円`;
  return `${n.toLocaleString('ja-JP')}円`;
}

/** "2026-12-15 17:00" → "2026年12月15日 17:00" */
export function formatJaDate(isoDateTime: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}:\d{2}))?$/.exec(isoDateTime);
  if (!m) return isoDateTime;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日${m[4] ? ` ${m[4]}` : ''}`;
}
