import { getTranslations } from 'next-intl/server';
import { memberAction, roleAction } from '@/app/actions/mod.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { can } from '@/lib/policy.ts';
import { notFound } from 'next/navigation';

export default async function MembersPage({ searchParams }: PageProps<'/mod/members'>) {
  const { username } = await searchParams;
  const t = await getTranslations('mod');
  const member = await currentMember();
  if (!can(member, 'mod:queue')) notFound();
  return (
    <>
      <h1>{t('memberTitle')}</h1>
      <ModForm
        action={memberAction}
        label={t('memberTitle')}
        done={t('memberDone')}
        resetOnSuccess
        fields={[
          { name: 'username', label: t('username'), required: true, defaultValue: typeof username === 'string' ? username : '' },
          {
            name: 'duration',
            label: t('duration'),
            type: 'select',
            defaultValue: '7d',
            options: [
              { value: '1d', label: t('durations.1d') },
              { value: '3d', label: t('durations.3d') },
              { value: '7d', label: t('durations.7d') },
              { value: 'custom', label: t('durations.custom') },
            ],
          },
          { name: 'until', label: t('until'), type: 'datetime-local' },
          { name: 'reason', label: t('reasonLabel') },
          { name: 'removeComments', label: t('removeComments'), type: 'checkbox' },
          { name: 'confirmBan', label: t('confirmBan'), type: 'checkbox' },
        ]}
        buttons={[
          { label: t('suspend'), name: 'action', value: 'suspend' },
          { label: t('ban'), name: 'action', value: 'ban' },
          { label: t('lift'), name: 'action', value: 'lift' },
        ]}
      />
      {can(member, 'admin:roles') ? (
        <>
          <h2>{t('role')}</h2>
          <ModForm
            action={roleAction}
            label={t('role')}
            done={t('memberDone')}
            fields={[{ name: 'username', label: t('username'), required: true }]}
            buttons={[
              { label: t('makeModerator'), name: 'role', value: 'moderator' },
              { label: t('makeMember'), name: 'role', value: 'member' },
            ]}
          />
        </>
      ) : null}
    </>
  );
}
