import { getTranslations } from 'next-intl/server';
import { signOutAction, signOutEverywhereAction } from '@/app/actions/auth.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { can } from '@/lib/policy.ts';

export async function UserMenu() {
  const t = await getTranslations('auth');
  const member = await currentMember();
  if (!member) {
    return (
      <div className="user-menu">
        <a href="/signin">{t('signIn')}</a>
        <a href="/signup">{t('signUp')}</a>
      </div>
    );
  }
  const tm = await getTranslations('mod');
  return (
    <>
    {can(member, 'mod:queue') ? (
      <a className="mod-link" href="/mod">
        {tm('nav')}
      </a>
    ) : null}
    <details className="user-menu signed-in">
      <summary>{t('signedInAs', { name: member.displayName })}</summary>
      <div className="menu">
        <form action={signOutAction}>
          <input type="hidden" name="returnTo" value="/" />
          <button type="submit">{t('signOut')}</button>
        </form>
        <form action={signOutEverywhereAction}>
          <button type="submit">{t('signOutEverywhere')}</button>
        </form>
      </div>
    </details>
    </>
  );
}
