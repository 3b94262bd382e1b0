import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { connectIdentityAction, deleteAccountAction, disconnectIdentityAction, displayNameAction, emailAction, mailModeAction, passwordAction, removeEmailAction } from '@/app/actions/account.ts';
import { configuredProviders, listIdentities } from '@/lib/auth/identities.ts';
import { knownProviderError } from '@/components/views/auth-page.tsx';
import { db } from '@/lib/db/client.ts';
import { emailState } from '@/lib/users/email.ts';
import { signOutEverywhereAction } from '@/app/actions/auth.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('title'), robots: { index: false } };
}

/** A member's account: name, password, sessions, their data, and leaving. */
export default async function SettingsPage({ searchParams }: PageProps<'/settings'>) {
  const member = await currentMember();
  if (!member) redirect('/signin?callbackUrl=/settings');
  const { changed } = await searchParams;
  const t = await getTranslations('settings');
  const ta = await getTranslations('auth');
  const [address, identities, account] = await Promise.all([
    emailState(db(), member.id),
    listIdentities(db(), member.id),
    db().user.findUnique({ where: { id: member.id }, select: { hasPassword: true } }),
  ]);
  const hasPassword = account?.hasPassword !== false;
  const providers = configuredProviders();
  const sp = await searchParams;
  const identityError = knownProviderError(sp.identity);
  const connectedNow = providers.find((p) => p.id === sp.connected);
  return (
    <div className="settings">
      <h1>{t('title')}</h1>
      <p>
        <a href={`/u/${encodeURIComponent(member.username)}`}>{t('profile')}</a>
      </p>
      {changed === 'password' || changed === 'reset' ? (
        <p className="notice" role="status">
          {t('passwordChanged')}
        </p>
      ) : null}
      <section aria-labelledby="s-name">
        <h2 id="s-name">{t('nameTitle')}</h2>
        <ModForm
          action={displayNameAction}
          label={t('nameTitle')}
          done={t('saved')}
          fields={[{ name: 'displayName', label: t('displayName'), defaultValue: member.displayName, required: true, autoComplete: 'nickname' }]}
          buttons={[{ label: t('save') }]}
        />
      </section>
      <section aria-labelledby="s-email">
        <h2 id="s-email">{t('emailTitle')}</h2>
        <p className={address.bounced ? 'notice warn' : undefined}>
          {address.email ? (address.bounced ? t('emailBounced', { email: address.email }) : t('emailVerified', { email: address.email })) : t('emailNone')}
        </p>
        {address.pending ? <p className="hint">{t('emailPending', { email: address.pending })}</p> : null}
        <ModForm
          action={emailAction}
          label={t('emailTitle')}
          done={t('emailSent')}
          fields={[
            { name: 'username', label: '', type: 'hidden', defaultValue: member.username },
            { name: 'email', label: t('emailNew'), type: 'email', required: true, autoComplete: 'email' },
            ...(hasPassword ? [{ name: 'currentPassword', label: t('currentPassword'), type: 'password' as const, required: true, autoComplete: 'current-password' }] : []),
          ]}
          buttons={[{ label: t('emailSave') }]}
        />
        {address.email || address.pending ? (
          <ModForm action={removeEmailAction} label={t('emailRemove')} done={t('emailRemoved')} fields={[]} buttons={[{ label: t('emailRemove'), harm: 'harmful' }]} />
        ) : null}
      </section>
      <section aria-labelledby="s-mail-title" id="s-mail">
        <h2 id="s-mail-title">{t('mailTitle')}</h2>
        <p className="hint">{t('mailExplain')}{address.email && !address.bounced ? '' : ` ${t('mailNeedsAddress')}`}</p>
        <ModForm
          action={mailModeAction}
          label={t('mailTitle')}
          done={t('saved')}
          fields={[
            {
              name: 'mode',
              label: t('mailMode'),
              type: 'select',
              defaultValue: address.mode,
              options: [
                { value: 'digest', label: t('mailDigest') },
                { value: 'each', label: t('mailEach') },
                { value: 'off', label: t('mailOff') },
              ],
            },
          ]}
          buttons={[{ label: t('mailSave') }]}
        />
      </section>
      <section aria-labelledby="s-password">
        <h2 id="s-password">{hasPassword ? t('passwordTitle') : t('setPassword')}</h2>
        <p className="hint">{hasPassword ? t('passwordHint') : t('noPassword')}</p>
        <ModForm
          action={passwordAction}
          label={t('passwordTitle')}
          done={t('passwordChanged')}
          fields={[
            { name: 'username', label: '', type: 'hidden', defaultValue: member.username },
            ...(hasPassword ? [{ name: 'currentPassword', label: t('currentPassword'), type: 'password' as const, required: true, autoComplete: 'current-password' }] : []),
            { name: 'newPassword', label: t('newPassword'), type: 'password', required: true, autoComplete: 'new-password' },
          ]}
          buttons={[{ label: hasPassword ? t('changePassword') : t('setPassword') }]}
        />
      </section>
      {providers.length || identities.length ? (
        <section aria-labelledby="s-identities-title" id="s-identities">
          <h2 id="s-identities-title">{t('identitiesTitle')}</h2>
          {identityError ? (
            <p className="form-error" role="alert">
              {ta(`providerErrors.${identityError}`, { provider: providers[0]?.name ?? '' })}
            </p>
          ) : null}
          {connectedNow && identities.some((i) => i.provider === connectedNow.id) ? (
            <p className="notice" role="status">
              {t('connectedNow', { name: connectedNow.name })}
            </p>
          ) : null}
          {identities.length === 0 ? <p>{t('identitiesNone')}</p> : null}
          {providers.map((p) => {
            const mine = identities.find((i) => i.provider === p.id);
            return mine ? (
              <div key={p.id}>
                <p>{t('connected', { name: p.name })}{mine.email ? ` (${mine.email})` : ''}</p>
                <ModForm
                  action={disconnectIdentityAction}
                  label={t('disconnect', { name: p.name })}
                  done={t('disconnected')}
                  fields={[{ name: 'provider', label: '', type: 'hidden', defaultValue: p.id }]}
                  buttons={[{ label: t('disconnect', { name: p.name }), harm: 'harmful' }]}
                />
              </div>
            ) : (
              <form key={p.id} action={connectIdentityAction}>
                <input type="hidden" name="provider" value={p.id} />
                <button type="submit">{t('connect', { name: p.name })}</button>
              </form>
            );
          })}
        </section>
      ) : null}
      <section aria-labelledby="s-sessions">
        <h2 id="s-sessions">{t('sessionsTitle')}</h2>
        <form action={signOutEverywhereAction}>
          <button type="submit">{ta('signOutEverywhere')}</button>
        </form>
      </section>
      <section aria-labelledby="s-data">
        <h2 id="s-data">{t('dataTitle')}</h2>
        <p>
          <a href="/api/v1/me/export" download>
            {t('export')}
          </a>
        </p>
      </section>
      <section aria-labelledby="s-delete" className="danger-zone">
        <h2 id="s-delete">{t('deleteTitle')}</h2>
        <p>{t('deleteExplain')}</p>
        <ModForm
          action={deleteAccountAction}
          label={t('deleteTitle')}
          done=""
          fields={[
            hasPassword
              ? { name: 'password', label: t('deletePassword'), type: 'password', required: true, autoComplete: 'current-password' }
              : { name: 'confirm', label: t('deleteConfirmUsername'), required: true, autoComplete: 'off' },
          ]}
          buttons={[{ label: t('deleteButton'), harm: 'severe' }]}
        />
      </section>
    </div>
  );
}
