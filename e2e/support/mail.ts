// The mail the e2e server wrote (.eml files under E2E_MAIL_DIR), parsed with mailparser.
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { E2E_MAIL_DIR } from './env.ts';

const recipient = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value.map((a) => a.address?.toLowerCase()) : []);

/** The messages to `address` (newest last), once there are at least `count` of them (waited for: the outbox worker polls every 3 s, slower on a loaded machine). */
export async function mailTo(address: string, count = 1, ms = 45_000): Promise<ParsedMail[]> {
  const until = Date.now() + ms;
  for (;;) {
    const files = fs.existsSync(E2E_MAIL_DIR) ? fs.readdirSync(E2E_MAIL_DIR).filter((f) => f.endsWith('.eml')).sort() : [];
    const found: ParsedMail[] = [];
    for (const f of files) {
      const m = await simpleParser(fs.readFileSync(path.join(E2E_MAIL_DIR, f)));
      if (recipient(m).includes(address.toLowerCase())) found.push(m);
    }
    if (found.length >= count) return found;
    if (Date.now() > until) throw new Error(`expected ${count} message(s) to ${address}, found ${found.length}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The link in a message's text that goes to `pathname`, as a path with its query (for page.goto). */
export function linkTo(m: ParsedMail, pathname: string): string {
  const url = m.text?.match(/https?:\/\/\S+/g)?.map((u) => new URL(u)).find((u) => u.pathname === pathname);
  if (!url) throw new Error(`no link to ${pathname} in: ${m.text}`);
  return `${url.pathname}${url.search}`;
}
