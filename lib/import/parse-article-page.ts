// Parses an article page of the seed's shape (see DESIGN.md, "The seeded article"):
//
//   SITE
//   TEASER (title + the first words of the body, cut)
//   TITLE PARAGRAPH PARAGRAPH …            (one line, single spaces between)
//   评论列表
//   NAME / NAME LIKES / YYYY-MM-DD HH:MM / TEXT…     a comment
//   NAME 回复 MM-DD HH:MM / TEXT…                     a reply to the comment above
//
// Times are China time (UTC+8). Nothing about the seeded article is hard-coded.

export interface ParsedReply {
  line: number;
  name: string;
  createdAt: Date;
  body: string;
}

export interface ParsedComment extends ParsedReply {
  likes: number;
  replies: ParsedReply[];
}

export interface ParsedArticlePage {
  site: string;
  title: string;
  paragraphs: string[];
  comments: ParsedComment[];
}

export class ArticlePageError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ArticlePageError';
  }
}

const COMMENTS_HEADING = '评论列表';
const FULL_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
const REPLY_HEADER = /^(.+?) 回复 (\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
const CHINA_OFFSET_HOURS = 8;

/** A China-time wall clock as an instant; null when the date does not exist. */
function chinaTime(y: number, mo: number, d: number, h: number, mi: number): Date | null {
  const t = new Date(Date.UTC(y, mo - 1, d, h - CHINA_OFFSET_HOURS, mi));
  const wall = new Date(t.getTime() + CHINA_OFFSET_HOURS * 3600_000);
  const ok =
    wall.getUTCFullYear() === y && wall.getUTCMonth() === mo - 1 && wall.getUTCDate() === d &&
    wall.getUTCHours() === h && wall.getUTCMinutes() === mi;
  return ok ? t : null;
}

export function parseArticlePage(text: string): ParsedArticlePage {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const at = (i: number) => lines[i] ?? '';
  const blank = (i: number) => at(i).trim() === '';
  let i = 0;
  const nextNonBlank = (what: string) => {
    while (i < lines.length && blank(i)) i++;
    if (i >= lines.length) throw new ArticlePageError(lines.length, `the file ends where ${what} was expected`);
    return i++;
  };

  const site = at(nextNonBlank('the site name')).trim();
  const teaserLine = nextNonBlank('the teaser line (title and lead)');
  const teaser = at(teaserLine).trim();
  const bodyLine = nextNonBlank('the title followed by the article body');
  const body = at(bodyLine).trim();
  if (body === COMMENTS_HEADING) throw new ArticlePageError(bodyLine + 1, 'the article body is missing');
  if (!body.startsWith(teaser)) {
    throw new ArticlePageError(teaserLine + 1, 'the teaser line is not the start of the article body on the next line');
  }
  const [title, ...paragraphs] = body.split(' ').filter((p) => p !== '');
  if (paragraphs.length === 0) {
    throw new ArticlePageError(bodyLine + 1, 'expected the title, a space, then the article body');
  }
  const headingLine = nextNonBlank(`"${COMMENTS_HEADING}"`);
  if (at(headingLine).trim() !== COMMENTS_HEADING) {
    throw new ArticlePageError(headingLine + 1, `expected "${COMMENTS_HEADING}"`);
  }

  const commentStartAt = (j: number) => {
    const name = at(j).trim();
    if (!name) return null;
    const likes = at(j + 1).trim();
    if (!likes.startsWith(`${name} `) || !/^\d+$/.test(likes.slice(name.length + 1))) return null;
    return FULL_TIME.test(at(j + 2).trim()) ? { name, likes: Number(likes.slice(name.length + 1)) } : null;
  };
  const isReplyHeader = (j: number) => REPLY_HEADER.test(at(j).trim());
  const readBody = (start: number, header: number) => {
    let j = start;
    while (j < lines.length && !commentStartAt(j) && !isReplyHeader(j)) j++;
    const text = lines.slice(start, j);
    while (text.length && text[text.length - 1].trim() === '') text.pop();
    while (text.length && text[0].trim() === '') text.shift();
    if (text.length === 0) throw new ArticlePageError(header + 1, 'this comment has no text');
    i = j;
    return text.map((l) => l.replace(/\s+$/, '')).join('\n');
  };

  const comments: ParsedComment[] = [];
  for (;;) {
    while (i < lines.length && blank(i)) i++;
    if (i >= lines.length) break;
    const start = commentStartAt(i);
    const reply = REPLY_HEADER.exec(at(i).trim());
    if (start) {
      const header = i;
      const [, y, mo, d, h, mi] = FULL_TIME.exec(at(i + 2).trim())!.map(Number);
      const createdAt = chinaTime(y, mo, d, h, mi);
      if (!createdAt) throw new ArticlePageError(i + 3, `"${at(i + 2).trim()}" is not a real date and time`);
      i += 3;
      comments.push({ line: header + 1, name: start.name, likes: start.likes, createdAt, body: readBody(i, header), replies: [] });
    } else if (reply) {
      const header = i;
      const parent = comments.at(-1);
      if (!parent) throw new ArticlePageError(i + 1, 'a reply comes before any comment');
      const [mo, d, h, mi] = reply.slice(2).map(Number);
      // A reply's header has no year: it is the parent's year, or the next one if the
      // date would otherwise come before the parent.
      const year = new Date(parent.createdAt.getTime() + CHINA_OFFSET_HOURS * 3600_000).getUTCFullYear();
      let createdAt = chinaTime(year, mo, d, h, mi);
      if (createdAt && createdAt < parent.createdAt) createdAt = chinaTime(year + 1, mo, d, h, mi);
      if (!createdAt) throw new ArticlePageError(i + 1, `"${reply.slice(2).join(' ')}" is not a real date and time`);
      i += 1;
      parent.replies.push({ line: header + 1, name: reply[1].trim(), createdAt, body: readBody(i, header) });
    } else {
      throw new ArticlePageError(
        i + 1,
        'expected a comment (a name, the name and its like count, then "YYYY-MM-DD HH:MM") or a reply ("NAME 回复 MM-DD HH:MM")',
      );
    }
  }
  return { site, title, paragraphs, comments };
}
