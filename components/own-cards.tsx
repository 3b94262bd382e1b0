'use client';
// On the members' shared page, what only its member may see of their own comments: held for
// review, hidden or removed (with the moderators' reason), or posted in the last minutes and
// not on this page of the shared render. GET /api/v1/me?article=SLUG carries them
// (lib/threads/personal.ts: OwnExtra); React draws them in slots the page keeps for them — at
// the top of the first page, under each thread, in place of a removed comment's tombstone —
// so that nothing else changes the page (docs/decisions/007-one-owner.md). The page rendered
// per request drew the same cards on the server (components/comment-item.tsx).
import type { OwnExtra } from '@/lib/threads/part.ts';
import { chinaWallClock, isoChinaTime } from '@/lib/time.ts';
import { Avatar } from './avatar.tsx';
import { CommentBody } from './comment-body.tsx';
import { Heart } from './heart.tsx';
import { LikeButton, LiveLikeCount } from './like-button.tsx';
import { useMine, type Mine } from './me.ts';
import { DeleteForm, EditForm } from './own-comment-forms.tsx';
import { RelativeTime } from './relative-time.tsx';
import { ShareLink } from './share-link.tsx';

/** The words of a card, in the page's language (placeholders kept: `{name}`, `{reason}`). */
export interface OwnCardLabels {
  awaitingReview: string;
  hiddenForYou: string;
  removedForYou: string;
  reason: string;
  replyTo: string;
  permalink: string;
  edited: string;
  share: string;
  copied: string;
  shareTitle: string;
  like: string;
}

interface Where {
  slug: string;
  returnTo: string;
  labels: OwnCardLabels;
}

/** Is this comment on the page as the shared render drew it (then it is left where it is)? */
const rendered = (id: number) => document.querySelector(`li[data-comment-id="${id}"]:not([data-own-card])`) !== null;

/** The member's own top-level comments that the shared render does not show them: first on the first page. */
export function OwnTopCards(where: Where) {
  const mine = useMine(true);
  if (!mine) return null;
  const cards = mine.extra.filter((c) => c.depth === 0 && !rendered(c.id));
  return cards.map((c) => <OwnCard key={c.id} c={c} mine={mine} {...where} />);
}

/**
 * Their replies in the thread of `rootId` that the shared render does not show them, oldest
 * first after the others. `wrap`: the thread has no replies on the page, so no list to go in.
 */
export function OwnReplyCards({ rootId, wrap, ...where }: Where & { rootId: number; wrap: boolean }) {
  const mine = useMine(true);
  if (!mine) return null;
  const cards = mine.extra.filter((c) => c.rootId === rootId && c.depth > 0 && !rendered(c.id)).reverse();
  if (!cards.length) return null;
  const items = cards.map((c) => <OwnCard key={c.id} c={c} mine={mine} {...where} />);
  return wrap ? <ol className="replies">{items}</ol> : items;
}

/** A removed comment of theirs that keeps replies: everyone else sees its tombstone (`children`), they see it. */
export function OwnInPlace({ commentId, children, ...where }: Where & { commentId: number; children: React.ReactNode }) {
  const mine = useMine(true);
  const c = mine?.extra.find((e) => e.id === commentId);
  if (!mine || !c) return children;
  return <OwnArticle c={c} mine={mine} {...where} />;
}

function OwnCard({ c, mine, ...where }: Where & { c: OwnExtra; mine: Mine }) {
  return (
    <li className={c.parentId !== null ? 'comment reply' : 'comment'} id={`c${c.id}`} data-comment-id={c.id} data-own="1" data-own-card="1">
      <OwnArticle c={c} mine={mine} {...where} />
    </li>
  );
}

function OwnArticle({ c, mine, slug, returnTo, labels }: Where & { c: OwnExtra; mine: Mine }) {
  const notice = c.status === 'held' ? labels.awaitingReview : c.status === 'hidden' ? labels.hiddenForYou : c.status === 'removed' ? labels.removedForYou : null;
  const permalink = `/articles/${slug}/comments/${c.id}#c${c.id}`;
  const own = mine.own.get(c.id);
  const at = (iso: string) => <RelativeTime at={isoChinaTime(new Date(iso))} exact={chinaWallClock(new Date(iso))} />;
  return (
    <article aria-labelledby={`c${c.id}-author`}>
      <header className="comment-meta">
        <Avatar username={mine.username} name={mine.displayName} />
        <span className="author" id={`c${c.id}-author`}>
          <a href={`/u/${encodeURIComponent(mine.username)}`}>{mine.displayName}</a>
        </span>
        {c.parentId !== null && c.replyTo ? <span className="reply-to">{labels.replyTo.replace('{name}', c.replyTo.displayName)}</span> : null}
        <a className="when" href={permalink} title={labels.permalink}>
          {at(c.createdAt)}
        </a>
        {c.editedAt ? (
          <span className="edited">
            {labels.edited} {at(c.editedAt)}
          </span>
        ) : null}
      </header>
      {notice ? (
        <p className="notice own-status">
          {notice}
          {c.reason ? ` ${labels.reason.replace('{reason}', c.reason)}` : ''}
        </p>
      ) : null}
      <CommentBody text={c.body} mentions={c.mentions} />
      <footer className="comment-actions">
        <ShareLink href={permalink} title={labels.shareTitle.replace('{name}', mine.displayName)} labels={{ share: labels.share, copied: labels.copied }} />
        {c.status === 'visible' ? (
          <LikeButton commentId={c.id} liked={mine.liked.has(c.id)} likeCount={c.likeCount} returnTo={returnTo} shell />
        ) : (
          <span className="likes">
            <Heart />
            <span className="visually-hidden">{labels.like}</span> <LiveLikeCount commentId={c.id} likeCount={c.likeCount} />
          </span>
        )}
        {own?.edit ? <EditForm commentId={c.id} body={own.body ?? c.body} returnTo={returnTo} shell /> : null}
        {own ? <DeleteForm commentId={c.id} returnTo={returnTo} hasReplies={own.hasReplies} shell /> : null}
      </footer>
    </article>
  );
}
