import { describe, expect, it } from 'vitest';
import { cleanWordList, findWord, foldForMatching } from '../lib/moderation/words.ts';

describe('word lists fit Chinese', () => {
  const words = ['狗屁', 'spam', '傻瓜'];
  it.each([
    '不懂装懂,狗屁不通',
    '狗 屁',
    '狗.屁',
    '狗-屁!',
    '狗\u200b屁',
    '狗　屁',
    '狗，屁',
    '《狗》《屁》',
    'buy SPAM now',
    'ＳＰＡＭ',
    'ｓｐａｍ',
    's p a m',
    's.p.a.m',
    'S-p_A-m',
    '你这个傻 瓜',
  ])('catches %j', (text) => {
    expect(findWord(text, words)).not.toBeNull();
  });

  it.each(['狗很可爱', '屁股', 'Spain', '傻', 'spa', '瓜子', '狗 和 猫'])('lets %j through', (text) => {
    expect(findWord(text, words)).toBeNull();
  });

  it('folds full-width, case, spaces and punctuation the same way on both sides', () => {
    expect(foldForMatching('Ｈｅｌｌｏ， 世界！')).toBe('hello世界');
    expect(findWord('我说H.E.L.L.O', ['ｈｅｌｌｏ'])).toBe('ｈｅｌｌｏ');
  });

  it('cleans a list: trims, drops empties and repeats, refuses a word that folds to nothing', () => {
    expect(cleanWordList([' 狗屁 ', '', '狗屁', 'spam'])).toEqual(['狗屁', 'spam']);
    expect(cleanWordList(['...'])).toBeNull();
    expect(cleanWordList('spam')).toBeNull();
    expect(cleanWordList(['x'.repeat(65)])).toBeNull();
  });
});
