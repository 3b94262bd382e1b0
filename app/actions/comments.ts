'use server';

import { formText } from '@/lib/form-text.ts';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { currentMember } from '@/lib/auth/current-member.ts';
import { createComment } from '@/lib/comments/create-comment.ts';
import { deleteComment, editComment } from '@/lib/comments/own-comment.ts';
import { refresh } from 'next/cache';
import { cookies } from 'next/headers';
import { POSTED_COOKIE } from '@/lib/posted-cookie.ts';
import { db } from '@/lib/db/client.ts';
import { asRefusal } from '@/lib/errors.ts';
import { describeRefusal, errorMessage } from '@/lib/i18n/translate.ts';
import { setLike } from '@/lib/likes/set-like.ts';
import { returnWithNotice, safeReturnPath } from '@/lib/safe-return.ts';
import type { Locale } from '@/i18n/locales.ts';

export interface CommentFormState {
  message?: string;
  fields?: Record<string, string>;
  body?: string;
  /** The comment just posted: the page (refreshed with it in place) moves focus to it. */
  postedId?: number;
  postedStatus?: string;
  nextKey?: string;
}

/**
 * Posts a comment or a reply from the page's forms. With JavaScript the page is refreshed in
 * the same round trip with the comment in its place (the author's own recent comments are
 * always on their first page: lib/threads/list-comments.ts); without, the browser returns to
 * the page the form was on, at the comment.
 */
export async function postCommentAction(prev: CommentFormState, form: FormData): Promise<CommentFormState> {
  const locale = (await getLocale()) as Locale;
  const slug = formText(form, 'slug');
  const body = formText(form, 'body');
  const parentId = formText(form, 'parentId') || undefined;
  let created: Awaited<ReturnType<typeof createComment>>;
  try {
    const member = await currentMember();
    created = await createComment(db(), member, { slug, body, parentId, idempotencyKey: formText(form, 'key') || null });
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return { ...prev, ...describeRefusal(locale, err), body, postedId: undefined };
  }
  const back = safeReturnPath(formText(form, 'returnTo'), `/articles/${encodeURIComponent(slug)}?sort=new`);
  // The page comes back with the comment marked in its place (a held one changes nothing there:
  // the form says it waits for review). The members' shared page posts through the JSON API
  // instead (components/comment-form.tsx).
  if (created.status !== 'held') (await cookies()).set(POSTED_COOKIE, String(created.id), { path: '/', maxAge: 60, sameSite: 'lax' });
  if (formText(form, 'js') !== '1') redirect(`${back}#c${created.id}`);
  refresh();
  return { postedId: created.id, postedStatus: created.status, body: '', nextKey: crypto.randomUUID() };
}

export interface LikeState {
  liked: boolean;
  likeCount: number;
  message?: string;
}

export async function likeAction(prev: LikeState, form: FormData): Promise<LikeState> {
  const locale = (await getLocale()) as Locale;
  const commentId = Number(formText(form, 'commentId'));
  const want = formText(form, 'liked') === '1';
  let result: { liked: boolean; likeCount: number };
  try {
    result = await setLike(db(), await currentMember(), commentId, want);
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return { ...prev, message: errorMessage(locale, err.code, err.params) };
  }
  if (formText(form, 'js') !== '1') redirect(`${safeReturnPath(formText(form, 'returnTo'))}#c${commentId}`);
  return result;
}

/**
 * The like form's own action, for a page without JavaScript: an unbound action, so each card
 * carries one hidden field instead of its serialized state (with JavaScript the button calls
 * likeAction itself). A refusal is shown where the form came from.
 */
export async function likeFormAction(form: FormData): Promise<void> {
  const commentId = Number(formText(form, 'commentId'));
  let refused = '';
  try {
    await setLike(db(), await currentMember(), commentId, formText(form, 'liked') === '1');
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    refused = err.code;
  }
  redirect(returnWithNotice(formText(form, 'returnTo'), { refused }, `c${commentId}`));
}

export interface OwnCommentState {
  message?: string;
  fields?: Record<string, string>;
  body?: string;
  ok?: boolean;
}

/** The author edits their comment; with JavaScript the page refreshes in place, without it returns to the comment. */
export async function editCommentAction(prev: OwnCommentState, form: FormData): Promise<OwnCommentState> {
  const locale = (await getLocale()) as Locale;
  const commentId = Number(formText(form, 'commentId'));
  const body = formText(form, 'body');
  try {
    await editComment(db(), await currentMember(), commentId, { body });
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return { ...describeRefusal(locale, err), body };
  }
  if (formText(form, 'js') !== '1') redirect(`${safeReturnPath(formText(form, 'returnTo'))}#c${commentId}`);
  refresh();
  return { ok: true };
}

/** The author deletes their comment (a plain form: it works without JavaScript). */
export async function deleteCommentAction(prev: OwnCommentState, form: FormData): Promise<OwnCommentState> {
  const locale = (await getLocale()) as Locale;
  const commentId = Number(formText(form, 'commentId'));
  try {
    await deleteComment(db(), await currentMember(), commentId);
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return describeRefusal(locale, err);
  }
  if (formText(form, 'js') !== '1') redirect(safeReturnPath(formText(form, 'returnTo')));
  refresh();
  return { ok: true };
}
