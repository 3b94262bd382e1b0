import { getTranslations } from 'next-intl/server';
import { ShareLink } from './share-link.tsx';
import type { CommentView } from '@/lib/threads/comment-rows.ts';
import { ChinaTime } from './china-time.tsx';
import { Avatar } from './avatar.tsx';
import { Heart } from './heart.tsx';
import { CommentBody } from './comment-body.tsx';
import { can, isStaff, type Actor } from '@/lib/policy.ts';
import type { MemberParts } from './member-parts.tsx';
import { indexPart, type OwnComment, type PersonalThread } from '@/lib/threads/part.ts';
import { OwnInPlace, OwnReplyCards, type OwnCardLabels } from './own-cards.tsx';

/**
 * Who the members' shared page (app/shell) is drawn for: any active member, and none in
 * particular (lib/cache/member-shell.ts routes only such members there).
 */
const ANY_ACTIVE_MEMBER: Actor = { id: 0, role: 'member', status: 'active', suspendedUntil: null };

/** The context of a page of comments, from the reader (or, with `shell`, any member) and the article. */
export function threadContext({ member, article, personal = null, returnTo, parts, targetId = null, shell = false }: {
  member: (Actor & { id: number }) | null;
  article: { slug: string; locked: boolean };
  /** What of the thread is the member's (lib/threads/personal.ts); none on the shared pages. */
  personal?: PersonalThread | null;
  returnTo: string;
  parts: MemberParts | null;
  targetId?: number | null;
  shell?: boolean;
}): ThreadContext {
  const actor = shell ? ANY_ACTIVE_MEMBER : member;
  const part = indexPart(personal);
  return {
    // Pages rendered per request say how long ago; the shared pages leave it to the browser.
    now: member ? new Date() : null,
    targetId,
    parts: actor ? parts : null,
    staffView: isStaff(member),
    slug: article.slug,
    signedIn: !!actor,
    viewerId: member?.id ?? null,
    canReport: can(actor, 'report:create'),
    canTakePart: can(actor, 'comment:create', { articleLocked: article.locked }),
    likedIds: part.liked,
    likeCounts: part.counts,
    own: part.own,
    returnTo,
    shell,
  };
}

/** What every comment of a page needs to know about the reader and the page. */
export interface ThreadContext {
  /** The forms and buttons of a signed-in reader; null on the pages every reader shares. */
  parts: MemberParts | null;
  /** A moderator or admin: every comment is shown with its text, marked with its state. */
  staffView: boolean;
  slug: string;
  signedIn: boolean;
  viewerId: number | null;
  /** The reader may report (signed in and in good standing). */
  canReport: boolean;
  /** The reader may post and like here (signed in, in good standing, thread open). */
  canTakePart: boolean;
  likedIds: ReadonlySet<number>;
  /** Counts of the comments whose like the viewer just changed, before the comment rows have them (lib/likes/like-counts.ts). */
  likeCounts: ReadonlyMap<number, number>;
  /** The viewer's own comments, with what they may do with each (lib/viewer.ts). On the members' shared page they come from the browser (components/mine-controls.tsx). */
  own: ReadonlyMap<number, OwnComment>;
  /** This page's URL, to come back to after a like without JavaScript. */
  returnTo: string;
  /** The comment a permalink points at: marked on its page, with its forms in the page. */
  targetId: number | null;
  /** The members' shared page: a post reloads the page, which is then rendered for its author. */
  shell?: boolean;
  /** Which of the target's forms the address asks to open (`?reply=1`, `?report=1`). */
  openForm?: 'reply' | 'report' | null;
  /** Where a reply posted without JavaScript returns: the thread it was opened from (`?back=`). */
  replyReturnTo?: string | null;
  /** The members taking part on this page, offered when an @mention is typed. */
  people?: readonly { username: string; displayName: string }[];
  /** The time of this render, on pages rendered per request (null on the shared pages). */
  now: Date | null;
  /** The comment the member just posted: rendered marked, and focusable (components/mark-posted.ts). */
  postedId?: number | null;
  /** On the members' shared page: the words of the cards its member's own comments get there (components/own-cards.tsx). */
  ownLabels?: OwnCardLabels;
}

/** Who takes part on a page (its comments' authors, in order, once each, never the viewer nor a deleted account). */
export function peopleOf(comments: readonly CommentView[], viewerId: number | null) {
  const seen = new Map<string, { username: string; displayName: string }>();
  const walk = (list: readonly CommentView[]) => {
    for (const c of list) {
      if (!c.author.deleted && c.authorId !== viewerId && c.status === 'visible' && !seen.has(c.author.username)) seen.set(c.author.username, { username: c.author.username, displayName: c.author.displayName });
      walk(c.replies);
    }
  };
  walk(comments);
  return [...seen.values()];
}

const permalinkOf = (slug: string, id: number) => `/articles/${slug}/comments/${id}#c${id}`;

/** Replies deeper than this are shown flat under their depth-3 ancestor, marked "回复 @NAME". */
export const MAX_DISPLAY_DEPTH = 3;

export async function CommentItem({ comment, ctx }: { comment: CommentView; ctx: ThreadContext }) {
  const t = await getTranslations('article');
  const tc = await getTranslations('compose');
  const { slug } = ctx;
  const signInHere = `/signin?callbackUrl=${encodeURIComponent(`${ctx.returnTo}#c${comment.id}`)}`;
  const own = ctx.viewerId !== null && comment.authorId === ctx.viewerId;
  // Readers see a tombstone where a removed comment keeps replies; its author and staff see
  // the text, marked with its state.
  // A comment its author deleted is a tombstone for them too.
  const gone = ((comment.status === 'removed' && !own) || comment.status === 'deleted') && !ctx.staffView;
  const ownNotice =
    comment.status === 'visible'
      ? null
      : own
        ? comment.status === 'held'
          ? t('awaitingReview')
          : comment.status === 'hidden'
            ? t('hiddenForYou')
            : t('removedForYou')
        : ctx.staffView
          ? t(`staffState.${comment.status}`)
          : null;
  const staff = isStaff(comment.author);
  const isReply = comment.parentId !== null;
  // On the members' shared page, under each thread: its member's replies only they may see there.
  const ownReplies = (wrap: boolean) =>
    ctx.ownLabels && !isReply ? <OwnReplyCards rootId={comment.id} wrap={wrap} slug={slug} returnTo={ctx.returnTo} labels={ctx.ownLabels} /> : null;
  return (
    <li
      className={`${isReply ? 'comment reply' : 'comment'}${ctx.targetId === comment.id ? ' is-target' : ''}${ctx.postedId === comment.id ? ' just-posted' : ''}`}
      id={`c${comment.id}`}
      tabIndex={ctx.postedId === comment.id ? -1 : undefined}
      data-comment-id={comment.id}
      // Live news does not announce a member's own changes to them (components/live-thread.tsx).
      data-own={own ? '1' : undefined}
      aria-current={ctx.targetId === comment.id ? 'location' : undefined}
    >
      <article aria-labelledby={`c${comment.id}-author`}>
        {gone && ctx.ownLabels && comment.status === 'removed' ? (
          // Its author sees what was removed, and why, in its place.
          <OwnInPlace commentId={comment.id} slug={slug} returnTo={ctx.returnTo} labels={ctx.ownLabels}>
            <p className="tombstone">{t('removed')}</p>
          </OwnInPlace>
        ) : gone ? (
          <p className="tombstone">{comment.status === 'removed' ? t('removed') : comment.author.deleted ? t('accountDeleted') : t('deleted')}</p>
        ) : (
          <>
            <header className="comment-meta">
              <Avatar username={comment.author.username} name={comment.author.displayName} deleted={comment.author.deleted} />
              <span className="author" id={`c${comment.id}-author`}>
                {comment.author.deleted ? (
                  t('deletedAccount')
                ) : (
                  <a href={`/u/${encodeURIComponent(comment.author.username)}`}>{comment.author.displayName}</a>
                )}
              </span>
              {isReply && comment.replyTo ? <span className="reply-to">{t('replyTo', { name: comment.replyTo.displayName })}</span> : null}
              <a className="when" href={`/articles/${slug}/comments/${comment.id}#c${comment.id}`} title={t('permalink')}>
                <ChinaTime date={comment.createdAt} now={ctx.now} relative client={ctx.shell} />
              </a>
              {staff ? <span className="badge">{t('staff')}</span> : null}
              {comment.editedAt ? (
                <span className="edited">
                  {t('edited')} <ChinaTime date={comment.editedAt} now={ctx.now} relative client={ctx.shell} />
                </span>
              ) : null}
            </header>
            {ownNotice ? (
              <p className="notice own-status">
                {ownNotice}
                {comment.statusReason && comment.status !== 'held' ? ` ${t('reason', { reason: comment.statusReason })}` : ''}
              </p>
            ) : null}
            <CommentBody text={comment.body} mentions={comment.mentions} />
            <footer className="comment-actions">
              {ctx.parts ? (
                <ShareLink href={permalinkOf(slug, comment.id)} title={t('shareTitle', { name: comment.author.deleted ? t('deletedAccount') : comment.author.displayName })} labels={{ share: t('share'), copied: t('copied') }} />
              ) : (
                // The readers' pages are not hydrated: /live.js shares or copies this link there.
                <a className="share" href={permalinkOf(slug, comment.id)} data-share={t('shareTitle', { name: comment.author.deleted ? t('deletedAccount') : comment.author.displayName })} data-copied={t('copied')}>
                  <span aria-live="polite">{t('share')}</span>
                </a>
              )}
              {ctx.parts ? (
                <ctx.parts.CommentActions comment={comment} ctx={ctx} own={own} />
              ) : (
                <>
                  <a className="like" href={signInHere} title={tc('signInToLike')}>
                    <Heart />
                    <span className="visually-hidden">{tc('like')}</span> <span className="like-count">{comment.likeCount}</span>
                  </a>
                  <a className="reply-link" href={signInHere}>
                    {tc('reply')}
                  </a>
                </>
              )}
            </footer>
          </>
        )}
      </article>
      {comment.replies.length > 0 ? (
        <ol className="replies">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} ctx={ctx} />
          ))}
          {ownReplies(false)}
        </ol>
      ) : (
        ownReplies(true)
      )}
      {comment.moreReplies > 0 ? (
        <p className="more-replies">
          <a href={`/articles/${slug}/comments/${comment.id}#c${comment.id}`}>{t('moreReplies', { count: comment.moreReplies })}</a>
        </p>
      ) : null}
    </li>
  );
}

/** Hangs every reply deeper than MAX_DISPLAY_DEPTH flat under its depth-3 ancestor, oldest first. */
export function flattenDeep(comment: CommentView): CommentView {
  if (comment.depth < MAX_DISPLAY_DEPTH) return { ...comment, replies: comment.replies.map(flattenDeep) };
  const flat: CommentView[] = [];
  const walk = (c: CommentView) => c.replies.forEach((r) => { flat.push({ ...r, replies: [] }); walk(r); });
  walk(comment);
  flat.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  return { ...comment, replies: flat };
}
