'use server';

import { formText } from '@/lib/form-text.ts';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { currentMember } from '@/lib/auth/current-member.ts';
import { createComment } from '@/lib/comments/create-comment.ts';
import { deleteComment, editComment } from '@/lib/comments/own-comment.ts';
import { refresh } from 'next/cache';
import { db } from '@/lib/db/client.ts';
import { asRefusal } from '@/lib/errors.ts';
import { describeRefusal, errorMessage } from '@/lib/i18n/translate.ts';
import { setLike } from '@/lib/likes/set-like.ts';
import { safeReturnPath } from '@/lib/safe-return.ts';
import { getComment } from '@/lib/threads/get-comment.ts';
import { isoChinaTime, chinaWallClock } from '@/lib/time.ts';
import type { Locale } from '@/i18n/locales.ts';

export interface PostedComment {
  id: number;
  displayName: string;
  body: string;
  createdAt: string;
  createdAtText: string;
  status: string;
}

export interface CommentFormState {
  message?: string;
  fields?: Record<string, string>;
  body?: string;
  posted?: PostedComment[];
  nextKey?: string;
}


/**
 * Posts a comment or a reply from the page's forms. With JavaScript the result comes back
 * in place; without, the browser is sent to the comment (a new comment leads the `new`
 * order; a reply is shown in its conversation).
 */
export async function postCommentAction(prev: CommentFormState, form: FormData): Promise<CommentFormState> {
  const locale = (await getLocale()) as Locale;
  const slug = formText(form, 'slug');
  const body = formText(form, 'body');
  const parentId = formText(form, 'parentId') || undefined;
  let id: number;
  let created: Awaited<ReturnType<typeof createComment>>;
  try {
    const member = await currentMember();
    created = await createComment(db(), member, { slug, body, parentId, idempotencyKey: formText(form, 'key') || null });
    id = created.id;
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    return { ...prev, ...describeRefusal(locale, err), body };
  }
  if (formText(form, 'js') !== '1') {
    redirect(parentId ? `/articles/${slug}/comments/${id}#c${id}` : `/articles/${slug}?sort=new#c${id}`);
  }
  const comment = (await getComment(db(), id))!;
  const posted: PostedComment = {
    id,
    displayName: comment.author.displayName,
    body: comment.body,
    createdAt: isoChinaTime(comment.createdAt),
    createdAtText: chinaWallClock(comment.createdAt),
    status: comment.status,
  };
  const already = (prev.posted ?? []).some((p) => p.id === id);
  return { posted: already ? prev.posted : [...(prev.posted ?? []), posted], body: '', nextKey: crypto.randomUUID() };
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
