// What a question pins down: rounds and numbered forms an answer must be about.
import { describe, expect, it } from 'vitest';
import { mentionsRound, roundsIn } from '../../../src/assistant/skills/specifics.ts';

describe('roundsIn and mentionsRound', () => {
  it('reads rounds and numbered forms, not the owner\'s own counts', () => {
    expect(roundsIn('第21回と23次の締切は？')).toEqual([
      { kind: 'round', n: 21, text: '第21回' },
      { kind: 'round', n: 23, text: '23次' },
    ]);
    expect(roundsIn('BCPの様式07って何？')).toEqual([{ kind: 'form', n: 7, text: '様式07' }]);
    expect(roundsIn('2回目の申請です')).toEqual([]);
  });

  it('finds a form written with or without its leading zero, and as a row of a numbered table', () => {
    const [form] = roundsIn('様式07');
    expect(mentionsRound('様式7は未確認です', form!)).toBe(true);
    expect(mentionsRound('番号: 07／様式の名前: （未確認）', form!)).toBe(true);
    expect(mentionsRound('様式17の書き方', form!)).toBe(false);
    expect(mentionsRound('2007年の指針', form!)).toBe(false);
    const [round] = roundsIn('第20回');
    expect(mentionsRound('第20回の締切は12月15日', round!)).toBe(true);
    expect(mentionsRound('様式20', round!)).toBe(false);
  });
});
