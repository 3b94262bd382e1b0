'use server';

// Staff act on what they find (/mod/search): the selected comments hidden or removed, each a
// decision of lib/moderation/moderate-comment.ts (the session and policy checked there, each
// logged), each carrying the state the moderator saw (a comment that changed since is not touched).
import { redirect } from 'next/navigation';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { formText } from '@/lib/form-text.ts';
import { moderateSelected } from '@/lib/moderation/moderate-comment.ts';
import { safeReturnPath } from '@/lib/safe-return.ts';

export async function searchModerationAction(form: FormData) {
  const member = await currentMember();
  const action = formText(form, 'action') === 'remove' ? 'remove' : 'hide';
  const reason = formText(form, 'reason').trim();
  const ids = form.getAll('ids').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  const back = new URL(safeReturnPath(formText(form, 'returnTo'), '/mod/search'), 'http://x');
  back.searchParams.delete('done');
  back.searchParams.delete('error');
  if (!ids.length) {
    back.searchParams.set('error', 'none_selected');
    redirect(`${back.pathname}${back.search}`);
  }
  const { done, failed } = await moderateSelected(db(), member, ids, action, reason, (id) => formText(form, `seen:${id}`) || undefined);
  back.searchParams.set('done', String(done));
  if (failed) back.searchParams.set('error', failed);
  redirect(`${back.pathname}${back.search}`);
}
