import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { wordsAction } from '@/app/actions/mod.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { loadWordLists } from '@/lib/moderation/words.ts';
import { can } from '@/lib/policy.ts';

export default async function WordsPage() {
  const member = await currentMember();
  if (!can(member, 'admin:words')) notFound();
  const t = await getTranslations('mod');
  const lists = await loadWordLists(db());
  return (
    <>
      <h1>{t('wordsTitle')}</h1>
      <p className="hint">{t('oneper')}</p>
      <ModForm
        action={wordsAction}
        label={t('wordsTitle')}
        done={t('saved')}
        fields={[
          { name: 'banned', label: t('banned'), type: 'textarea', defaultValue: lists.banned.join('\n') },
          { name: 'suspect', label: t('suspect'), type: 'textarea', defaultValue: lists.suspect.join('\n') },
        ]}
        buttons={[{ label: t('save') }]}
      />
    </>
  );
}
