// Every sentence the Teams adapter itself shows an owner (button labels, link lines, notices), in
// one place. The assistant's own answers come from the core, not from here.
export const teamsText = {
  /** Label of a button that opens a file (a draft, a chart) in the browser. */
  fileButton: (name: string) => `📄 ${name} を開く`,
  /** Heading above the file buttons. */
  filesTitle: 'ファイルを開く',
  filesHint: 'ボタンを押すと、ブラウザでファイルが開きます。リンクはしばらくすると開けなくなります。',
  /** A file whose link cannot be made absolute (the server has no public address set). */
  fileNoLink: (name: string) => `ファイル「${name}」は、Teams からは開けません。お手数ですが「担当者に相談する」からお問い合わせください。`,
  /** An image that cannot be shown (no public address set). */
  imageNoLink: (alt: string) => `図「${alt}」は、Teams では表示できません。`,
  /** The owner sent something other than text (a picture or file without words, or only a mention). */
  onlyText: '申し訳ありません。文字のメッセージだけを読み取れます。ご用件を文字でお送りください。',
} as const;
