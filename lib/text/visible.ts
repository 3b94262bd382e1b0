// Whether a text shows anything: what is left once spaces, format characters and the
// characters that render as nothing (Hangul fillers, the blank Braille pattern, lone
// combining marks' carriers) are taken out. One rule for comments and display names
// (issue 19: a comment of 2 000 zero-width spaces, a name of "ㅤㅤㅤ" were accepted).
const INVISIBLE = /[\s\p{Cf}\p{Zs}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800\u034F\u17B4\u17B5\u180E\u2062-\u2064]/gu;

export const hasVisibleText = (s: string): boolean => s.replace(INVISIBLE, '').length > 0;
