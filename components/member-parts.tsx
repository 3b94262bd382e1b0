// The parts of a thread page that belong to a signed-in member: like buttons, the reply and
// report forms, the new-comment form. They are handed to the page by the routes that render
// for a member, so that the pages every reader shares never load their code.
import { getTranslations } from 'next-intl/server';
import type { CommentView } from '@/lib/threads/comment-rows.ts';
import type { ThreadContext } from './comment-item.tsx';
import { CommentForm } from './comment-form.tsx';
import { LikeButton } from './like-button.tsx';
import { ReportForm } from './report-form.tsx';
import { DeleteForm, EditForm } from './own-comment-forms.tsx';
import { MineControls } from './mine-controls.tsx';
import { LiveThread } from './live-thread.tsx';
import { PendingMark } from './pending-mark.tsx';
import { LiveLikeCount } from './like-button.tsx';
import { LazyDetails } from './lazy-details.tsx';
import { Heart } from './heart.tsx';
import { threadModerationAction } from '@/app/actions/mod.ts';
import { harmOf } from '@/lib/moderation/moderate-comment.ts';

export interface MemberParts {
  CommentActions: (props: { comment: CommentView; ctx: ThreadContext; own: boolean }) => Promise<React.ReactNode>;
  NewComment: (props: { slug: string; returnTo: string; shell?: boolean; people?: readonly { username: string; displayName: string }[] }) => React.ReactNode;
  /** Live news on a page React renders (components/live-thread.tsx; public/live.js keeps out). */
  LiveThread: typeof LiveThread;
}

async function CommentActions({ comment, ctx, own }: { comment: CommentView; ctx: ThreadContext; own: boolean }) {
  const tc = await getTranslations('compose');
  const open = comment.status === 'visible';
  // Cards render their reply and report forms only when opened (components/lazy-details.tsx);
  // the comment a permalink is about has them in the page (the way in without JavaScript).
  const eager = ctx.targetId === comment.id;
  const permalink = `/articles/${ctx.slug}/comments/${comment.id}`;
  const mine = own ? ctx.own.get(comment.id) : undefined;
  // Reporting is there for whoever needs it, but quieter than replying: in a "⋯" menu.
  const reportMenu = (
    <LazyDetails
      className="more-menu"
      summary={<span aria-hidden="true">⋯</span>}
      summaryLabel={tc('more')}
      eager={eager}
      open={eager && ctx.openForm === 'report'}
      fallback={<a className="form-elsewhere" href={`${permalink}?report=1#c${comment.id}`}>{tc('reportThere')}</a>}
    >
      <ReportForm commentId={comment.id} open={eager && ctx.openForm === 'report'} />
    </LazyDetails>
  );
  return (
    <>
      {ctx.canTakePart && open ? (
        <LikeButton commentId={comment.id} liked={ctx.likedIds.has(comment.id)} likeCount={ctx.likeCounts.get(comment.id) ?? comment.likeCount} returnTo={ctx.returnTo} shell={ctx.shell} />
      ) : (
        <span className="likes">
          <Heart />
          <span className="visually-hidden">{tc('like')}</span> <LiveLikeCount commentId={comment.id} likeCount={comment.likeCount} />
        </span>
      )}
      {ctx.canTakePart && open ? (
        <LazyDetails
          className="reply-box"
          summary={tc('reply')}
          focus="textarea"
          eager={eager}
          open={eager && ctx.openForm === 'reply'}
          // Without JavaScript the reply form is on the comment's page; posted, it comes back here.
          fallback={<a className="form-elsewhere" href={`${permalink}?reply=1&back=${encodeURIComponent(ctx.returnTo)}#c${comment.id}`}>{tc('replyThere')}</a>}
        >
          <CommentForm slug={ctx.slug} parentId={comment.id} replyToName={comment.author.displayName} replyToUsername={comment.author.deleted ? undefined : comment.author.username} people={ctx.people} idempotencyKey={crypto.randomUUID()} returnTo={ctx.replyReturnTo ?? ctx.returnTo} shell={ctx.shell} />
        </LazyDetails>
      ) : null}
      {ctx.shell && open ? (
        // The shared page is every member's: the browser learns which comments are this one's
        // and shows their edit and delete in place of the report menu.
        <MineControls commentId={comment.id} returnTo={ctx.returnTo}>
          {reportMenu}
        </MineControls>
      ) : ctx.canReport && !own && open ? (
        reportMenu
      ) : null}
      {/* What the author may do: the rule of lib/viewer.ts, worked out on the server (lib/threads/personal.ts). */}
      {mine?.edit ? <EditForm commentId={comment.id} body={mine.body ?? comment.body} returnTo={ctx.returnTo} /> : null}
      {mine ? <DeleteForm commentId={comment.id} returnTo={ctx.returnTo} hasReplies={mine.hasReplies} /> : null}
      {ctx.staffView && !own ? <StaffMenu comment={comment} returnTo={ctx.returnTo} /> : null}
    </>
  );
}

/** Staff's quiet menu on every comment: decide on it here, with the queue's rules and log. */
async function StaffMenu({ comment, returnTo }: { comment: CommentView; returnTo: string }) {
  const t = await getTranslations('mod');
  const actions = comment.status === 'visible' ? ['hide', 'remove'] : comment.status === 'held' ? ['publish', 'remove'] : ['restore'];
  return (
    <details className="staff-menu">
      <summary>{t('manage')}</summary>
      <form action={threadModerationAction} aria-label={t('manageLabel', { id: comment.id })}>
        <input type="hidden" name="commentId" value={comment.id} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <input type="hidden" name="seen" value={comment.status} />
        <PendingMark />
        <label>
          {t('reasonLabel')} <input name="reason" maxLength={500} />
        </label>
        {actions.map((a) => (
          <button key={a} type="submit" name="action" value={a} data-harm={harmOf(a)}>
            {t(`actions.${a}` as 'actions.hide')}
          </button>
        ))}
        <a href={`/mod/members?username=${encodeURIComponent(comment.author.username)}`}>{t('manageAuthor', { name: comment.author.displayName })}</a>
      </form>
    </details>
  );
}

function NewComment({ slug, returnTo, shell = false, people = [] }: { slug: string; returnTo: string; shell?: boolean; people?: readonly { username: string; displayName: string }[] }) {
  return <CommentForm slug={slug} idempotencyKey={crypto.randomUUID()} returnTo={returnTo} shell={shell} people={people} />;
}

export const memberParts: MemberParts = { CommentActions, NewComment, LiveThread };
