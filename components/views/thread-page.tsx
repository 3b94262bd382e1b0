import { premodActive } from '@/lib/moderation/premod.ts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ChinaTime } from '@/components/china-time.tsx';
import { CommentItem, flattenDeep, peopleOf, threadContext } from '@/components/comment-item.tsx';
import type { MemberParts } from '@/components/member-parts.tsx';
import { OwnTopCards, type OwnCardLabels } from '@/components/own-cards.tsx';
import type { Member } from '@/lib/auth/current-member.ts';
import { fetchThreadPage } from '@/lib/threads/fetch-thread-page.ts';
import { SORTS, type Sort } from '@/lib/threads/list-comments.ts';
import { personalThread } from '@/lib/threads/personal.ts';
import { db } from '@/lib/db/client.ts';
import { readDb } from '@/lib/db/replica.ts';
import { configuredOrigin } from '@/lib/feeds/site-url.ts';
import { scriptJson, threadJsonLd } from '@/lib/feeds/json-ld.ts';
import { getArticle } from '@/lib/threads/get-article.ts';
import { cachedPageParams, dependsOnArticle } from '@/lib/cache/cached-page.ts';

export async function threadMetadata(slug: string): Promise<Metadata> {
  const article = await getArticle(await readDb(), slug);
  if (!article) return {};
  const origin = configuredOrigin();
  const url = origin ? `${origin}/articles/${encodeURIComponent(slug)}` : undefined;
  return {
    title: article.title,
    description: article.summary,
    openGraph: { type: 'article', title: article.title, description: article.summary, siteName: article.sourceSite, publishedTime: article.publishedAt.toISOString(), ...(url ? { url } : {}) },
    twitter: { card: 'summary', title: article.title, description: article.summary },
  };
}

/**
 * An article and one page of its comments. With `member` null this is the page every
 * anonymous reader shares (rendered once, cached); nothing of any member may enter it.
 */
export async function ThreadPage({
  slug,
  sort,
  cursor,
  member,
  parts = null,
  notice = null,
  shell = false,
  postedId = null,
  own = false,
  embed = null,
}: {
  slug: string;
  sort: Sort;
  cursor: string | null;
  member: Member | null;
  parts?: MemberParts | null;
  /** What became of a staff decision made here, when it was refused. */
  notice?: string | null;
  /** The members' shared page (app/shell): members' controls, nothing of any one member. */
  shell?: boolean;
  /** The comment the member just posted (marked, and takes the focus). */
  postedId?: number | null;
  /** Rendered for the member at their asking (`own`: a browser without JavaScript), which their forms keep. */
  own?: boolean;
  /** Shown in a frame under a page of a publisher's site (issue 22): links stay in the frame. */
  embed?: { site: string; lang: string } | null;
}) {
  // A page every member or reader shares reads from the replica, once it has every write
  // this process knows of (lib/db/replica.ts); a member's own page reads its own writes.
  const page = await fetchThreadPage(member ? db() : await readDb(), slug, sort, cursor, member?.id ?? null);
  if (!page) notFound();
  const { article, comments, nextCursor, firstPage } = page;
  // An embed shows only its site's threads.
  if (embed && article.siteId !== embed.site) notFound();
  const t = await getTranslations('article');
  const tc = await getTranslations('compose');
  const base = embed ? `/embed/${embed.site}/${embed.lang}/${slug}` : `/articles/${slug}`;
  const returnTo = `${base}?sort=${sort}${cursor && !firstPage ? `&cursor=${cursor}` : ''}${own ? '&own=1' : ''}`;
  const personal = member ? await personalThread(db(), member, slug) : null;
  const ctx = {
    ...threadContext({ member, article, personal, returnTo, parts, shell }),
    postedId,
    people: parts ? peopleOf(page.comments, member?.id ?? null) : [],
    ...(shell ? { ownLabels: await ownCardLabels() } : {}),
  };
  const origin = configuredOrigin() ?? '';
  return (
    <>
      {/* One canonical address per thread: every sort and page of it points there (React puts it in the head). */}
      <link rel="canonical" href={`${origin}/articles/${encodeURIComponent(slug)}`} />
      <link rel="alternate" type="application/atom+xml" href={`/articles/${encodeURIComponent(slug)}/feed.xml`} title={article.title} />
      {/* Structured data is for crawlers, who read the shared page; members' pages go without it. */}
      {member || shell || embed ? null : <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(threadJsonLd(article, comments, origin)) }} />}
      {/* Under the publisher's page the article is the page around the frame. */}
      {embed ? (
        <>
          <meta name="robots" content="noindex" />
          {/* The frame's own heading (screen readers list it): the host page shows the title. */}
          <h1 className="visually-hidden">{article.title}</h1>
        </>
      ) : (
      <article className="article" aria-labelledby="article-title">
        <h1 id="article-title">{article.title}</h1>
        <p className="meta">
          <span>{t('source', { site: article.sourceSite })}</span>
          <span>
            {t('published')} <ChinaTime date={article.publishedAt} />
          </span>
          <a className="jump" href="#comments-heading">
            {t('jumpToComments', { count: article.commentCount })}
          </a>
        </p>
        {firstPage ? (
          <div className="article-body">
            {article.paragraphs.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        ) : (
          <p className="later-page">
            {t('laterPage')} · <a href={`/articles/${slug}?sort=${sort}#comments-heading`}>{t('firstPage')}</a>
          </p>
        )}
      </article>
      )}
      <section
        className="comments"
        aria-labelledby="comments-heading"
        data-live-thread={slug}
        // A member's page is React's (components/live-thread.tsx); /live.js refuses to touch it.
        {...(ctx.parts ? { 'data-owner': 'react' } : await readerLiveData(sort))}
      >
        <div className="comments-head">
          <h2 id="comments-heading">{t('commentsHeading', { count: article.commentCount })}</h2>
          <nav aria-label={t('sortLabel')} className="sorts">
            {SORTS.map((s) => (
              // The reader stays at the comments (on a phone they start screens below the top).
              <a key={s} href={`${base}?sort=${s}#comments-heading`} aria-current={s === sort ? 'page' : undefined}>
                {t(`sort.${s}`)}
              </a>
            ))}
          </nav>
        </div>
        {notice ? (
          <p className="notice" role="alert">
            {notice}
          </p>
        ) : null}
        {article.locked ? <p className="notice">{article.lockReason ? `${t('locked')} ${t('reason', { reason: article.lockReason })}` : t('locked')}</p> : null}
        {!article.locked && premodActive(article) ? <p className="notice">{t('premod')}</p> : null}
        {embed && member ? <EmbedAccount name={member.displayName} returnTo={returnTo} /> : null}
        {ctx.canTakePart && ctx.parts ? (
          <ctx.parts.NewComment slug={slug} returnTo={returnTo} shell={shell} people={ctx.people} />
        ) : !member && !article.locked ? (
          <p className="join">
            {embed ? (
              // A first-party window: a frame under another site gets no cookies of its own
              // (public/embed-frame.js opens it as a pop-up and takes the session back).
              <a href={`/embed-signin/${embed.site}?lang=${embed.lang}`} target="_blank" data-embed-signin="">
                {tc('signInToComment')}
              </a>
            ) : (
              <a href={`/signin?callbackUrl=${encodeURIComponent(`${returnTo}#comments-heading`)}`}>{tc('signInToComment')}</a>
            )}
          </p>
        ) : null}
        {shell ? (
          // What is a member's own comes over the shared page with JavaScript; without it, this
          // page rendered for them has it (lib/cache/member-shell.ts: `own`).
          <noscript>
            <p className="notice">
              <a href={`${returnTo}&own=1#comments-heading`}>{t('noScriptOwnView')}</a>
            </p>
          </noscript>
        ) : null}
        {comments.length === 0 ? <p>{t('noComments')}</p> : null}
        {ctx.parts ? (
          <ctx.parts.LiveThread
            slug={slug}
            viewer={member?.username ?? null}
            shell={shell}
            labels={{ newOne: t('live.newOne'), newMany: t('live.newMany', { count: '{count}' }), changed: t('live.changed') }}
          />
        ) : null}
        <ol className="comment-list">
          {ctx.ownLabels && firstPage ? <OwnTopCards slug={slug} returnTo={returnTo} labels={ctx.ownLabels} /> : null}
          {comments.map((c) => (
            <CommentItem key={c.id} comment={flattenDeep(c)} ctx={ctx} />
          ))}
        </ol>
        {nextCursor || (!firstPage && page.prevCursor) ? (
          <nav className="pager">
            {!firstPage && page.prevCursor ? (
              <a href={`${base}?sort=${sort}&cursor=${page.prevCursor}#comments-heading`} rel="prev">
                {t('previousComments')}
              </a>
            ) : null}
            {nextCursor ? (
              <a href={`${base}?sort=${sort}&cursor=${nextCursor}#comments-heading`} rel="next">
                {t('moreComments')}
              </a>
            ) : null}
          </nav>
        ) : null}
        {embed ? null : (
          <p className="thread-feed">
            <a href={`/articles/${encodeURIComponent(slug)}/feed.xml`} type="application/atom+xml">
              {t('feed')}
            </a>
          </p>
        )}
      </section>
    </>
  );
}

/** Who is signed in inside the frame, and the way out (a plain form: it works without JavaScript). */
async function EmbedAccount({ name, returnTo }: { name: string; returnTo: string }) {
  const t = await getTranslations('embed');
  return (
    <form className="embed-account" method="post" action="/api/v1/embed/signout">
      <span>{t('signedInAs', { name })}</span>
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit">{t('signOut')}</button>
    </form>
  );
}

/** The words of the cards a member's own comments get on the members' shared page (components/own-cards.tsx). */
async function ownCardLabels(): Promise<OwnCardLabels> {
  const t = await getTranslations('article');
  const tc = await getTranslations('compose');
  return {
    awaitingReview: t('awaitingReview'),
    hiddenForYou: t('hiddenForYou'),
    removedForYou: t('removedForYou'),
    reason: t('reason', { reason: '{reason}' }),
    replyTo: t('replyTo', { name: '{name}' }),
    permalink: t('permalink'),
    edited: t('edited'),
    share: t('share'),
    copied: t('copied'),
    shareTitle: t('shareTitle', { name: '{name}' }),
    like: tc('like'),
  };
}

/** What /live.js needs on a reader's page: its words, in the page's language. */
async function readerLiveData(sort: Sort) {
  const t = await getTranslations('article');
  const tt = await getTranslations('time');
  return {
    'data-live-sort': sort,
    'data-live-new-one': t('live.newOne'),
    'data-live-new-many': t('live.newMany', { count: '{count}' }),
    'data-live-removed': t('removed'),
    'data-live-deleted': t('deleted'),
    'data-live-time': JSON.stringify({
      now: tt('now'),
      minutes: tt('minutes', { n: '{n}' }),
      hours: tt('hours', { n: '{n}' }),
      yesterday: tt('yesterday', { time: '{time}' }),
      exact: tt('exact', { time: '{time}' }),
    }),
    'data-live-locked': t('locked'),
    'data-live-changed': t('live.changed'),
  };
}

/**
 * A thread page rendered once and kept in the page cache: the readers' (no `parts`) or the
 * members' shared one (app/shell, with the members' controls). Nothing here reads the request.
 */
export async function CachedThreadPage({ params, parts = null }: { params: Promise<{ locale: string; slug: string; sort: string; cursor: string; site?: string }>; parts?: MemberParts | null }) {
  const p = await params;
  const { cursor } = cachedPageParams(p);
  if (!(SORTS as readonly string[]).includes(p.sort)) notFound();
  await dependsOnArticle(p.slug);
  const embed = p.site ? { site: p.site, lang: p.locale } : null;
  return <ThreadPage slug={p.slug} sort={p.sort as Sort} cursor={cursor} member={null} parts={parts} shell={parts !== null} embed={embed} />;
}

export async function cachedThreadMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  return threadMetadata((await params).slug);
}
