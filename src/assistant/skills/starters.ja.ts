// What the starter-project suggestions and plans say. The plans' content (goal, steps, risks,
// partners needed, duration) comes from the starter documents; only the frame is here.

/** Diagnosis area ids → how an owner would call them. */
export const areaLabels: Record<string, string> = {
  bcp: 'BCP（災害への備え）',
  sdgs: 'SDGs・環境',
  digital: 'デジタル化',
  labour: '人手・人材育成',
  market: '販路開拓',
  collaboration: '他社との連携',
  strengths: '自社の強みの整理',
  quality: '品質',
  cost: 'コスト削減',
};

const list = (items: string[]) => items.join('・');

export const starterMessages = {
  addresses: (area: string) => `${area}の弱いところを補えます`,
  relatesToYours: (caps: string[]) => `御社の${list(caps)}に関係する取り組みです`,
  relatesToPartners: (caps: string[]) => `ご紹介した会社の${list(caps)}と組み合わせられます`,
  mentions: (word: string) => `「${word}」に関係します`,
  effort: { small: '小さく始められます', medium: '少し準備が要ります' } as Record<string, string>,
  effortWithDuration: (effort: string, duration: string) => `${effort}（期間の目安：${duration}）`,

  pickHead: (n: number) => `御社に合いそうな、連携の取り組みを${n}つご紹介します。`,
  pickLine: (i: number, title: string, duration: string) => `${i}. ${title}（${duration}）`,
  pickFoot: '気になるものを選ぶと、始め方のプランをお見せします。',
  nearestHead: (n: number) => `お書きの言葉にぴったり合うものは見つかりませんでしたが、資料の中から近い取り組みを${n}つ選びました。`,
  nearestFoot: '違っていたら、困っていること（例：災害への備え、人手不足、コスト）を教えてください。もう一度お探しします。',
  none: 'ご希望に合う取り組みが、手元の資料には見つかりませんでした。困っていること（例：災害への備え、人手不足、コスト）を教えていただければ、もう一度お探しします。',

  planHead: (title: string) => `【${title}】始め方のプラン`,
  goal: '■ ねらい',
  steps: '■ 最初の3ステップ',
  partners: '■ 候補の会社',
  partnerLine: (name: string, place: string, why: string) => `・${name}（${place}）：${why}`,
  partnerLineBare: (name: string, place: string) => `・${name}（${place}）`,
  partnerCapabilities: (caps: string[]) => `${list(caps)}に対応`,
  partnerContact: '※会社へのご連絡は、支援センターがおつなぎします。',
  partnersNeeded: '■ 必要な連携相手',
  related: '■ 関連する制度・資料',
  risks: '■ 注意点',
  effortHead: '■ 手間と期間の目安',
  effortLine: (effort: string, duration: string) => `${effort}／期間の目安：${duration}`,
  effortLabel: { small: '小（小さく始められる）', medium: '中（少し準備が要る）' } as Record<string, string>,
} as const;
