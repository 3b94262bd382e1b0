'use client';

import { useMine } from './me.ts';
import { DeleteForm, EditForm } from './own-comment-forms.tsx';

/**
 * On the members' shared page, a card's last controls: for the member's own comment its edit
 * (while the server's rule allows it) and delete, as GET /api/v1/me?article=SLUG says; for
 * anyone else's, `children` (the report menu). Until that answer comes, every card is someone
 * else's.
 */
export function MineControls({ commentId, returnTo, children }: { commentId: number; returnTo: string; children: React.ReactNode }) {
  const own = useMine(true)?.own.get(commentId);
  if (!own) return children;
  return (
    <>
      {own.edit ? <EditForm commentId={commentId} body={own.body ?? ''} returnTo={returnTo} shell /> : null}
      <DeleteForm commentId={commentId} returnTo={returnTo} hasReplies={own.hasReplies} shell />
    </>
  );
}
