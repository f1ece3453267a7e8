// What the LINE adapter itself says to an owner (not the assistant's answers): notices, link
// lines and the short texts of Flex messages. Plain, polite Japanese for a phone screen.
export const lineText = {
  /** A sticker, photo, voice message or other non-text message in a 1:1 chat. */
  textOnly: '申し訳ありません。つなぐは文字のメッセージだけを読み取れます。ご用件を文字で送ってください。',
  /** An image that cannot be shown inline (no https address): its description and link. */
  imageLink: (alt: string, url: string) => `図：${alt}\n${url}`,
  /** An image whose address is not reachable from LINE (the server has no public address set). */
  imageUnavailable: (alt: string) => `図：${alt}\n（この図は、LINEではお見せできません。担当者にお問い合わせください。）`,
  /** Files as plain text: one line with the name, one with the link. */
  fileLink: (name: string, url: string) => `ファイル：${name}\n${url}`,
  fileUnavailable: (name: string) => `ファイル：${name}\n（このファイルは、LINEではお送りできません。担当者にお問い合わせください。）`,
  /** The Flex bubble that offers files to open. */
  filesTitle: 'ファイルを開く',
  filesHint: 'ボタンを押すと、ブラウザでファイルが開きます。リンクはしばらくすると開けなくなります。',
  /** altText: what a phone notification and old LINE versions show instead of a Flex message. */
  filesAlt: (names: string[]) => `ファイル：${names.join('、')}`,
  cardsAlt: (titles: string[]) => `候補：${titles.join('、')}`,
  /** Shown for an empty field value in a card (LINE refuses empty texts). */
  emptyValue: '－',
  ellipsis: '…',
} as const;
