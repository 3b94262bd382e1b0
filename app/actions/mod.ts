'use server';

import { adminResetLink } from '@/lib/users/password-reset.ts';
import { saveRequireVerifiedEmail } from '@/lib/users/address-policy.ts';
import { siteOrigin } from '@/lib/feeds/site-url.ts';
import { formText } from '@/lib/form-text.ts';
import { returnWithNotice } from '@/lib/safe-return.ts';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { asRefusal, invalid } from '@/lib/errors.ts';
import { putWordLists, setRole } from '@/lib/moderation/admin.ts';
import { moderateArticle } from '@/lib/moderation/moderate-article.ts';
import { moderateComment, moderateSelected } from '@/lib/moderation/moderate-comment.ts';
import { moderateMember } from '@/lib/moderation/moderate-member.ts';
import { reportComment } from '@/lib/moderation/report-comment.ts';
import { saveAutoPremodSettings } from '@/lib/moderation/settings.ts';
import { saveEditWindow } from '@/lib/comments/edit-window.ts';
import { QUEUE_TABS } from '@/lib/moderation/queue.ts';
import { attempt, type FormState } from '@/lib/server/form-attempt.ts';

export type ModState = FormState;

export async function reportAction(_prev: ModState, form: FormData): Promise<ModState> {
  return attempt(form, async () =>
    reportComment(db(), await currentMember(), Number(formText(form, 'commentId')), { reason: formText(form, 'reason'), note: formText(form, 'note') }),
  );
}

/** The queue's form: one action for every selected comment. Works without JavaScript. */
export async function queueAction(form: FormData) {
  const member = await currentMember();
  // A button on one item ("ID:ACTION"), or one of the buttons below for every selected item.
  const one = /^(\d+):([a-z]+)$/.exec(formText(form, 'one'));
  const action = one ? one[2] : formText(form, 'action');
  // A decision on one item takes the reason written beside it (else the one below the list).
  const reason = (one && formText(form, `reason:${one[1]}`).trim()) || formText(form, 'reason');
  const ids = (one ? [one[1]] : form.getAll('ids')).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const tab = (QUEUE_TABS as readonly string[]).includes(formText(form, 'tab')) ? formText(form, 'tab') : 'reported';
  const username = formText(form, 'username').trim();
  const article = formText(form, 'article').trim();
  const back = `/mod?tab=${tab}${tab === 'member' && username ? `&username=${encodeURIComponent(username)}` : ''}${tab !== 'member' && article ? `&article=${encodeURIComponent(article)}` : ''}`;
  // Nothing selected: nothing to do, and nothing is said to have been done.
  if (!ids.length) redirect(`${back}&error=none_selected`);
  // Each item carries the status the moderator saw: a comment that changed since is not touched.
  const { done, failed, status } = await moderateSelected(db(), member, ids, action, reason, (id) => formText(form, `seen:${id}`) || undefined, { onReports: tab === 'reported' });
  redirect(`${back}&done=${done}${failed ? `&error=${failed}` : ''}${status ? `&status=${status}` : ''}`);
}

export async function memberAction(_prev: ModState, form: FormData): Promise<ModState> {
  return attempt(form, async () => {
    const action = formText(form, 'action');
    // A ban is asked twice: the box says what it does (and what removing comments does).
    if (action === 'ban' && form.get('confirmBan') !== 'on') throw invalid({ confirmBan: 'ban_unconfirmed' });
    // A preset duration, or a custom time (the form's datetime-local is China time; anything
    // else is handed on as it is, for the schema to refuse).
    const preset = { '1d': 1, '3d': 3, '7d': 7 }[formText(form, 'duration')];
    const custom = formText(form, 'until');
    const until = preset
      ? new Date(Date.now() + preset * 86_400_000).toISOString()
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(custom)
        ? `${custom}:00+08:00`
        : custom || undefined;
    if (action === 'suspend' && !until) throw invalid({ until: 'until_required' });
    await moderateMember(db(), await currentMember(), formText(form, 'username').trim(), {
      action,
      until,
      reason: formText(form, 'reason') || undefined,
      removeComments: form.get('removeComments') === 'on',
    });
    // The list on the page shows the member's new status.
    revalidatePath('/mod/members');
  });
}

export async function roleAction(_prev: ModState, form: FormData): Promise<ModState> {
  return attempt(form, async () => setRole(db(), await currentMember(), formText(form, 'username').trim(), formText(form, 'role')));
}

export async function articleAction(_prev: ModState, form: FormData): Promise<ModState> {
  return attempt(form, async () => {
    await moderateArticle(db(), await currentMember(), formText(form, 'slug').trim(), formText(form, 'action'), formText(form, 'reason'));
    revalidatePath('/mod/threads');
  });
}

export async function wordsAction(_prev: ModState, form: FormData): Promise<ModState> {
  const lines = (name: string) => formText(form, name).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return attempt(form, async () => putWordLists(db(), await currentMember(), { banned: lines('banned'), suspect: lines('suspect') }));
}

export async function settingsAction(_prev: ModState, form: FormData): Promise<ModState> {
  const number = (name: string) => (/^\d+$/.test(formText(form, name).trim()) ? Number(formText(form, name).trim()) : formText(form, name));
  return attempt(form, async () => {
    await saveAutoPremodSettings(db(), await currentMember(), {
      postsPerMinute: number('postsPerMinute'),
      reportsPerMinute: number('reportsPerMinute'),
      minutes: number('minutes'),
    });
    revalidatePath('/mod/threads');
  });
}

export async function editWindowAction(_prev: ModState, form: FormData): Promise<ModState> {
  const raw = formText(form, 'editWindow').trim();
  return attempt(form, async () => {
    await saveEditWindow(db(), await currentMember(), { minutes: /^\d+$/.test(raw) ? Number(raw) : raw });
    revalidatePath('/mod/threads');
  });
}

/**
 * Staff acting on a comment from the thread or its permalink (no report needed): the same
 * domain function and the same log as the queue; back to the comment afterwards.
 */
export async function threadModerationAction(form: FormData) {
  const id = Number(formText(form, 'commentId'));
  let error = '';
  let status = '';
  try {
    await moderateComment(db(), await currentMember(), id, formText(form, 'action'), formText(form, 'reason'), formText(form, 'seen') || undefined);
  } catch (thrown) {
    const err = asRefusal(thrown);
    if (!err) throw thrown;
    error = err.code;
    status = typeof err.params?.status === 'string' ? err.params.status : '';
  }
  redirect(returnWithNotice(formText(form, 'returnTo'), { moderation: error, status }, `c${id}`));
}

/** An admin makes a one-time password reset link for a member, shown once to copy (logged). */
export async function resetLinkAction(_prev: ModState, form: FormData): Promise<ModState> {
  return attempt(form, async () => {
    const { link } = await adminResetLink(db(), await currentMember(), formText(form, 'username'), await siteOrigin());
    return { detail: link };
  });
}

/** Admins: a verified address before members may post. */
export async function requireEmailAction(_prev: ModState, form: FormData): Promise<ModState> {
  return attempt(form, async () => {
    await saveRequireVerifiedEmail(db(), await currentMember(), form.get('requireEmail') === 'on');
    revalidatePath('/mod/threads');
  });
}
