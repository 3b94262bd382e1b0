// Writes an article page of the seed's shape (site, teaser, title + body, 评论列表, comment
// blocks with replies), for the benchmark's large thread and the importer's tests at size.
export function generateArticlePage(opts: { title: string; comments: number; repliesEvery?: number; repliesEach?: number; names?: number }): string {
  const { title, comments, repliesEvery = 50, repliesEach = 5, names = 2_000 } = opts;
  const body = `${title} 这是一篇为压力测试生成的文章，它的形状和种子文章一样。 第二段落。 第三段落。`;
  const lines = ['测试站', '', body.slice(0, title.length + 12), '', body, '', '评论列表', ''];
  const start = Date.UTC(2026, 0, 1, 0, 0) - 8 * 3600_000; // China time 2026-01-01 00:00
  const pad = (n: number) => String(n).padStart(2, '0');
  const china = (t: number) => {
    const d = new Date(t + 8 * 3600_000);
    return { date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, md: `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, hm: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
  };
  for (let i = 0; i < comments; i++) {
    const name = `读者${(i * 7919) % names}`;
    const t = start + i * 60_000;
    const c = china(t);
    lines.push(name, `${name} ${(i * 31) % 97}`, `${c.date} ${c.hm}`, `第 ${i} 条评论：说得有道理，值得一读。`, '');
    if (i % repliesEvery === 0) {
      for (let j = 1; j <= repliesEach; j++) {
        const r = china(t + j * 60_000);
        lines.push(`回复者${(i + j) % names} 回复 ${r.md} ${r.hm}`, `对第 ${i} 条评论的第 ${j} 条回复`, '');
      }
    }
  }
  return lines.join('\n');
}
