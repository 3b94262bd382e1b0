import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cleanWordList, findWord, foldForMatching, matchWord } from '../lib/moderation/words.ts';

describe('word lists fit Chinese', () => {
  const words = ['狗屁', 'spam', '傻瓜'];
  it.each([
    '不懂装懂,狗屁不通',
    '狗 屁',
    '狗.屁',
    '狗-屁!',
    '狗\u200b屁',
    '狗　屁',
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

  // A clause's end in Chinese prose (，、：) ends a word too: "小狗，屁股" is ordinary text.
  it.each(['狗很可爱', '屁股', 'Spain', '傻', 'spa', '瓜子', '狗 和 猫', '狗，屁', '小狗、屁股', '狗：屁'])('lets %j through', (text) => {
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

describe('"exact" words and where a word stands', () => {
  it('an exact word ("=word") matches only as typed, with no folding', () => {
    // Folded, "sb" catches everyday text ("Sbarro"); exact, only "SB" itself.
    expect(findWord('这是Sbarro披萨店', ['sb'])).toBe('sb');
    expect(findWord('这是Sbarro披萨店', ['=SB'])).toBeNull();
    expect(findWord('你就是个SB', ['=SB'])).toBe('=SB');
    expect(findWord('你就是个ＳＢ', ['=SB'])).toBeNull();
    // Exact words still end at a sentence's end.
    expect(findWord('他叫S。B是另一个人', ['=SB'])).toBeNull();
  });

  it('cleans exact words: the mark stays, the word is trimmed, "=" alone is an ordinary word', () => {
    expect(cleanWordList(['= SB ', '=SB', 'spam'])).toEqual(['=SB', 'spam']);
    expect(cleanWordList(['=...'])).toBeNull();
  });

  it('says where the word stands in the text as written, evasions included', () => {
    const text = '前面没事。后面这句是狗 . 屁话';
    const m = matchWord(text, ['狗屁'])!;
    expect(text.slice(m.start, m.end)).toBe('狗 . 屁');
    const full = 'buy ＳＰＡＭ now';
    const s = matchWord(full, ['spam'])!;
    expect(full.slice(s.start, s.end)).toBe('ＳＰＡＭ');
    const zw = 'a狗\u200b屁b';
    const z = matchWord(zw, ['狗屁'])!;
    expect(zw.slice(z.start, z.end)).toBe('狗\u200b屁');
  });
});

describe('no false positives on ordinary Chinese', () => {
  // A word list a Chinese newsroom would use: insults and spam (banned), contact and money
  // lures (suspect), and one exact word.
  const banned = ['狗屁', '傻逼', '草泥马', '代开发票', '六合彩', 'spam'];
  const suspect = ['微信', '加群', 'QQ号', '私聊我', '网赚', '=SB'];
  const corpus = readFileSync(new URL('./fixtures/ordinary-zh.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));

  it('has at least 200 sentences, some of them traps across sentence ends', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    // The traps are real: without the sentence rule these would be caught.
    expect(findWord('这篇报道的说服力略微信息来源也不清楚', suspect)).toBe('微信');
  });

  it('catches nothing in any of them', () => {
    const caught = corpus.map((s) => [s, findWord(s, banned) ?? findWord(s, suspect)]).filter(([, w]) => w !== null);
    expect(caught).toEqual([]);
  });

  it('in the seeded article and its comments, catches only the one real insult', () => {
    const seed = readFileSync(new URL('../prisma/seed/000_97667f3ccc073977.txt', import.meta.url), 'utf8');
    const lines = seed.split('\n').filter((l) => l.trim());
    const caught = lines.filter((l) => findWord(l, banned) ?? findWord(l, suspect));
    expect(caught).toEqual(['不懂装懂,狗屁不通']);
  });
});
