import { getTranslations } from 'next-intl/server';
import { Pager, parseTrail } from '@/components/pager.tsx';
import { notFound } from 'next/navigation';
import { articleAction, editWindowAction, requireEmailAction, settingsAction } from '@/app/actions/mod.ts';
import { editWindowMinutes } from '@/lib/comments/edit-window.ts';
import { assertMayPublish, publishers } from '@/lib/articles/publish.ts';
import { publishersAction } from '@/app/actions/articles.ts';
import { requiresVerifiedEmail } from '@/lib/users/address-policy.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { listThreads } from '@/lib/moderation/directory.ts';
import { readAutoPremodSettings } from '@/lib/moderation/settings.ts';
import { can } from '@/lib/policy.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { chinaWallClock } from '@/lib/time.ts';

/**
 * Every thread with its lock and pre-moderation state and recent activity, most recently
 * active first; found by title, slug or a pasted address. Actions sit on each row.
 */
export default async function ThreadsPage({ searchParams }: PageProps<'/mod/threads'>) {
  const member = await currentMember();
  if (!can(member, 'mod:article')) notFound();
  const t = await getTranslations('mod');
  const tp = await getTranslations('publish');
  const mayPublish = await assertMayPublish(db(), member).then(() => true, () => false);
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q : typeof sp.slug === 'string' ? sp.slug : '';
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : null;
  const prisma = db();
  const [page, { value: settings, invalid: settingsInvalid }] = await Promise.all([loadOrFirstPage(cursor, (c) => listThreads(prisma, member, { q, cursor: c })), readAutoPremodSettings(prisma)]);
  const single = page.items.length === 1 && q !== '';
  return (
    <>
      <h1>{t('articleTitle')}</h1>
      <form method="get" action="/mod/threads" className="list-filter" role="search" aria-label={t('findThreads')}>
        <label>
          {t('threadSearch')} <input name="q" defaultValue={q} maxLength={300} />
        </label>
        <button type="submit">{t('find')}</button>
      </form>
      {page.items.length === 0 ? (
        <p>{t('noThreads')}</p>
      ) : (
        <table className="member-list">
          <thead>
            <tr>
              <th scope="col">{t('threadColumn')}</th>
              <th scope="col">{t('statusColumn')}</th>
              <th scope="col">{t('activityColumn')}</th>
              <th scope="col">{t('actionsColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((a) => (
              <tr key={a.slug} data-slug={a.slug}>
                <td>
                  <a href={`/articles/${a.slug}`}>{a.title}</a>
                  <br />
                  <span className="meta">{a.slug}</span>{' '}
                  {a.unpublished ? <strong className="badge">{tp('unpublished')}</strong> : null}{' '}
                  {mayPublish ? <a href={`/mod/articles/${encodeURIComponent(a.slug)}/edit`}>{tp('editTitle')}</a> : null}
                </td>
                <td>
                  {a.locked ? <strong className="badge">{t('threadLocked')}</strong> : t('threadOpen')}{' '}
                  {a.premod ? <strong className="badge">{t('threadPremod')}</strong> : null}
                  {a.premodUntil ? <strong className="badge">{t('threadPremodUntil', { until: chinaWallClock(a.premodUntil) })}</strong> : null}
                  {a.locked && a.lockReason ? <span className="meta"> {t('decidedWhy', { reason: a.lockReason })}</span> : null}
                </td>
                <td>
                  <a href={`/mod?tab=${a.held && !a.openReports ? 'held' : 'reported'}&article=${encodeURIComponent(a.slug)}`}>
                    {t('threadActivity', { comments: a.commentCount, reports: a.openReports, held: a.held })}
                  </a>
                  <br />
                  <span className="meta">{t('lastActivity', { at: chinaWallClock(a.lastActivityAt) })}</span>
                </td>
                <td>
                  <details open={single || undefined}>
                    <summary>{t('actOn', { name: a.title.length > 20 ? `${a.title.slice(0, 20)}…` : a.title })}</summary>
                    <ModForm
                      action={articleAction}
                      label={single ? t('articleTitle') : t('manageThread', { slug: a.slug })}
                      done={t('memberDone')}
                      fields={[
                        { name: 'slug', label: t('slug'), type: 'hidden', defaultValue: a.slug },
                        { name: 'reason', label: t('reasonLabel') },
                      ]}
                      buttons={[
                        { label: t('lock'), name: 'action', value: 'lock' },
                        { label: t('unlock'), name: 'action', value: 'unlock', harm: 'harmless' },
                        { label: t('premodOn'), name: 'action', value: 'premod-on' },
                        { label: t('premodOff'), name: 'action', value: 'premod-off', harm: 'harmless' },
                      ]}
                    />
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager base={`/mod/threads?${new URLSearchParams(q ? { q } : {})}`} cursor={page.firstPage ? null : cursor} nextCursor={page.nextCursor} trail={parseTrail(sp.trail)} />
      {can(member, 'admin:settings') ? (
        <>
          <h2>{t('settingsTitle')}</h2>
          {settingsInvalid ? (
            <p className="notice" role="alert">
              {t('settingsInvalid')}
            </p>
          ) : null}
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
          <h2>{t('editWindowTitle')}</h2>
          <ModForm
            action={editWindowAction}
            label={t('editWindowTitle')}
            done={t('saved')}
            fields={[{ name: 'editWindow', label: t('editWindow'), type: 'number', defaultValue: String(await editWindowMinutes(prisma)) }]}
            buttons={[{ label: t('save') }]}
          />
          <h2>{t('requireEmailTitle')}</h2>
          <ModForm
            action={requireEmailAction}
            label={t('requireEmailTitle')}
            done={t('saved')}
            fields={[{ name: 'requireEmail', label: t('requireEmail'), type: 'checkbox', defaultValue: (await requiresVerifiedEmail(prisma)) ? 'on' : '' }]}
            buttons={[{ label: t('save') }]}
          />
          <h2>{t('publishersTitle')}</h2>
          <ModForm
            action={publishersAction}
            label={t('publishersTitle')}
            done={t('saved')}
            fields={[
              {
                name: 'who',
                label: t('publishersTitle'),
                type: 'select',
                defaultValue: (await publishers(prisma)),
                options: [
                  { value: 'staff', label: t('publishersStaff') },
                  { value: 'admins', label: t('publishersAdmins') },
                ],
              },
            ]}
            buttons={[{ label: t('save') }]}
          />
        </>
      ) : null}
    </>
  );
}
