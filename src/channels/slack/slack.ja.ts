// Every sentence the Slack adapter itself shows an owner (link labels, notes, refusals), in one
// place. The assistant's own answers come from the core, not from here.
export const slackText = {
  /** Label of a button that opens a file (a draft, a chart). */
  fileButton: (name: string) => `📄 ${name} を開く`,
  /** A file whose link cannot be made absolute (no public URL configured). */
  fileNoLink: (name: string) => `ファイル「${name}」は、Slack からは開けません。お手数ですが「担当者に相談する」からお問い合わせください。`,
  /** An image that cannot be shown (no public URL configured). */
  imageNoLink: (alt: string) => `画像（${alt}）は、Slack では表示できません。`,
  /** The owner sent something other than text (a file or picture without words). */
  onlyText: '申し訳ありません。文字のメッセージだけを読み取れます。ご質問を文字でお送りください。',
};
