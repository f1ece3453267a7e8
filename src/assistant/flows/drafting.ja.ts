// Fixed sentences of the drafting conversation: choosing the kind of draft, the introduction,
// progress, hints for owner-style answers, and the reply that delivers the finished files.
// The questions themselves live in knowledge/templates/*.yaml.

export const draftingText = {
  chooseKind: '作りたい書類を選んでください。会社の情報と答えをもとに、Wordの下書きを作ります。',
  noKinds: 'いまは下書きを作れる書類がありません。担当者にご相談ください。',
  kindUnknown: 'どの書類か読み取れませんでした。下のボタンから選んでください。',
  intro: (title: string, total: number) =>
    [
      `「${title}」を作ります。`,
      total ? `足りないことを1つずつ聞きます（全${total}問）。答えにくい質問は「スキップ」で飛ばせます。飛ばした所は【要記入】として下書きに残ります。` : 'わかっている情報だけで作れるので、すぐに作成します。',
      '途中で「作成する」を押すと、そこまでの内容で下書きを作ります。',
    ].join('\n'),
  known: (items: string[]) => `わかっている情報は、そのまま使います：${items.join('、')}`,
  knownDiagnosis: '自己診断の結果（強み・課題）',
  knownItem: (label: string, value: string) => `${label} ${value}`,
  progress: (label: string, n: number, total: number) => `〔${label}〕質問${n}（全${total}問）`,
  accepted: (value: string) => `「${value}」で受け付けました。`,
  skipped: 'スキップしました。下書きには【要記入】として残します。',
  stale: 'そのボタンは前の質問のものです。いまの質問はこちらです。',
  pickOrType: '下のボタンを押すか、文字で答えてください。',
  notUnderstood: 'すみません、うまく読み取れませんでした。',
  hints: {
    number: '数字で入力してください（例：3）。',
    money: '金額を単位つきで入力してください（例：1200万円、3億円）。',
    bareYen: '金額を入力してください（例：1100円）。',
    percent: '数字で入力してください（例：3.5%）。',
    date: '年と月で入力してください（例：2027年4月）。',
  },
} as const;

export const draftingButtons = {
  skip: 'スキップ',
  finish: '作成する',
} as const;

/** Words an owner types to steer the flow; matched as the whole message after normalisation. */
export const draftingCommands = {
  skip: ['スキップ', 'すきっぷ', 'とばす', '飛ばす', 'パス', 'わからない', '分からない', 'わかりません', '分かりません', '不明', 'あとで', '後で'],
  finish: ['作成する', '作成', '作成して', '作って', 'つくって', 'これで作成', 'これで作って', 'ここまでで作成', '完成', '作成お願いします'],
} as const;

export const deliveryText = {
  ready: (title: string) => `「${title}」ができました。`,
  files: 'Word（.docx）とテキスト（.md）のファイルを、下のリンクから開けます。リンクはしばらくすると開けなくなるので、早めに保存してください。',
  missing: (n: number) => `【要記入】の項目が${n}件あります。まず次の項目を書き足してください：`,
  noMissing: '【要記入】の所はありません。',
  more: (n: number) => `（ほか${n}件。下書きの最後に一覧があります）`,
  checks: '数字の確かめ：',
  check: (label: string, status: string) => `・${label}：${status}`,
  preparations: '申請までに：',
  bullet: (s: string) => `・${s}`,
  closing: '仕上げは、この下書きを持って商工会・商工会議所やよろず支援拠点に相談すると安心です。',
} as const;
