import { getTranslations } from 'next-intl/server';
import { articleAction, settingsAction } from '@/app/actions/mod.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { autoPremodSettings } from '@/lib/moderation/settings.ts';
import { can } from '@/lib/policy.ts';
import { notFound } from 'next/navigation';

export default async function ThreadsPage({ searchParams }: PageProps<'/mod/threads'>) {
  const t = await getTranslations('mod');
  const member = await currentMember();
  if (!can(member, 'mod:queue')) notFound();
  const { slug } = await searchParams;
  const settings = await autoPremodSettings(db());
  return (
    <>
      <h1>{t('articleTitle')}</h1>
      <ModForm
        action={articleAction}
        label={t('articleTitle')}
        done={t('memberDone')}
        fields={[
          { name: 'slug', label: t('slug'), required: true, defaultValue: typeof slug === 'string' ? slug : '' },
          { name: 'reason', label: t('reasonLabel') },
        ]}
        buttons={[
          { label: t('lock'), name: 'action', value: 'lock' },
          { label: t('unlock'), name: 'action', value: 'unlock' },
          { label: t('premodOn'), name: 'action', value: 'premod-on' },
          { label: t('premodOff'), name: 'action', value: 'premod-off' },
        ]}
      />
      {can(member, 'admin:settings') ? (
        <>
          <h2>{t('settingsTitle')}</h2>
          <ModForm
            action={settingsAction}
            label={t('settingsTitle')}
            done={t('saved')}
            fields={[
              { name: 'postsPerMinute', label: t('postsPerMinute'), type: 'number', defaultValue: String(settings.postsPerMinute) },
              { name: 'reportsPerMinute', label: t('reportsPerMinute'), type: 'number', defaultValue: String(settings.reportsPerMinute) },
              { name: 'minutes', label: t('minutes'), type: 'number', defaultValue: String(settings.minutes) },
            ]}
            buttons={[{ label: t('save') }]}
          />
        </>
      ) : null}
    </>
  );
}
