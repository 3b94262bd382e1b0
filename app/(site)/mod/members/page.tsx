import { getTranslations } from 'next-intl/server';
import { Pager, parseTrail } from '@/components/pager.tsx';
import { notFound } from 'next/navigation';
import { memberAction, roleAction, resetLinkAction } from '@/app/actions/mod.ts';
import { ModForm, type ModField } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { listMembers, MEMBER_FILTERS, type MemberFilter, type MemberRow } from '@/lib/moderation/directory.ts';
import { can } from '@/lib/policy.ts';
import { loadOrFirstPage } from '@/lib/threads/cursor.ts';
import { chinaWallClock } from '@/lib/time.ts';

/**
 * Members as a list: find by name prefix, filter by status, see each one's record, act on
 * the row. `?username=` (from a thread's staff menu) opens that member's form at the top.
 */
export default async function MembersPage({ searchParams }: PageProps<'/mod/members'>) {
  const member = await currentMember();
  if (!can(member, 'mod:member')) notFound();
  const sp = await searchParams;
  const username = typeof sp.username === 'string' ? sp.username : '';
  const q = typeof sp.q === 'string' ? sp.q : username;
  const filter: MemberFilter = MEMBER_FILTERS.includes(sp.status as MemberFilter) ? (sp.status as MemberFilter) : 'all';
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : null;
  const page = await loadOrFirstPage(cursor, (c) => listMembers(db(), member, { q, filter, cursor: c }));
  const t = await getTranslations('mod');
  const fields = (name: string | null): ModField[] => [
    ...(name === null ? [{ name: 'username', label: t('username'), required: true, defaultValue: username }] : [{ name: 'username', label: t('username'), type: 'hidden' as const, defaultValue: name }]),
    {
      name: 'duration',
      label: t('duration'),
      type: 'select',
      // The shortest by default: a longer one is a choice.
      defaultValue: '1d',
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
  ];
  const buttons = [
    { label: t('suspend'), name: 'action', value: 'suspend' },
    { label: t('ban'), name: 'action', value: 'ban', harm: 'severe' as const },
    { label: t('lift'), name: 'action', value: 'lift', harm: 'harmless' as const },
  ];
  const here = (extra: Record<string, string>) => `/mod/members?${new URLSearchParams({ ...(q ? { q } : {}), ...(filter !== 'all' ? { status: filter } : {}), ...extra })}`;
  const statusOf = (m: MemberRow) =>
    m.status === 'banned' ? t('memberStatus.banned') : m.status === 'suspended' ? (m.suspendedUntil ? t('authorSuspendedUntil', { until: chinaWallClock(m.suspendedUntil) }) : t('authorSuspended')) : t('memberStatus.active');
  return (
    <>
      <h1>{t('memberTitle')}</h1>
      <form method="get" action="/mod/members" className="list-filter" role="search" aria-label={t('findMembers')}>
        <label>
          {t('namePrefix')} <input name="q" defaultValue={q} maxLength={64} />
        </label>
        <label>
          {t('statusFilter')}{' '}
          <select name="status" defaultValue={filter}>
            {MEMBER_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`memberFilter.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('find')}</button>
      </form>
      {username ? <ModForm action={memberAction} label={t('memberTitle')} done={t('memberDone')} resetOnSuccess fields={fields(null)} buttons={buttons} /> : null}
      {page.items.length === 0 ? (
        <p>{t('noMembers')}</p>
      ) : (
        <table className="member-list">
          <thead>
            <tr>
              <th scope="col">{t('memberColumn')}</th>
              <th scope="col">{t('statusColumn')}</th>
              <th scope="col">{t('recordColumn')}</th>
              <th scope="col">{t('actionsColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((m) => (
              <tr key={m.username} data-username={m.username}>
                <td>
                  <strong>{m.displayName}</strong> @{m.username}
                  <br />
                  <span className="meta">{m.imported ? t('imported') : t('joined', { date: chinaWallClock(m.joinedAt).slice(0, 10) })}</span>
                </td>
                <td>
                  {m.role !== 'member' ? <strong className="badge">{t(`roles.${m.role}`)}</strong> : null} {statusOf(m)}
                  {m.status !== 'active' && m.statusReason ? <span className="meta"> {t('decidedWhy', { reason: m.statusReason })}</span> : null}
                </td>
                <td>
                  {t('record', { comments: m.comments, removed: m.removed, reports: m.reportsAgainst })}
                  <br />
                  <a href={`/mod?tab=member&username=${encodeURIComponent(m.username)}`}>{t('allByMember')}</a>
                </td>
                <td>
                  {m.role === 'member' && !m.imported ? (
                    <details>
                      <summary>{t('actOn', { name: m.displayName })}</summary>
                      <ModForm action={memberAction} label={t('manageMember', { username: m.username })} done={t('memberDone')} resetOnSuccess fields={fields(m.username)} buttons={buttons} />
                    </details>
                  ) : null}
                  {/* Admins grant and take back the moderator role on the member's own row. */}
                  {can(member, 'admin:roles') && !m.imported && m.role !== 'admin' ? (
                    <ModForm
                      action={roleAction}
                      label={t('roleOf', { username: m.username })}
                      done={t('memberDone')}
                      fields={[{ name: 'username', label: t('username'), type: 'hidden', defaultValue: m.username }]}
                      buttons={[m.role === 'moderator' ? { label: t('makeMember'), name: 'role', value: 'member' } : { label: t('makeModerator'), name: 'role', value: 'moderator', harm: 'harmless' as const }]}
                    />
                  ) : null}
                  {/* A member who cannot reset by mail gets a link from an admin, to hand over (lib/users/password-reset.ts). */}
                  {can(member, 'admin:reset-link') && !m.imported ? (
                    <ModForm
                      action={resetLinkAction}
                      label={t('resetLinkOf', { username: m.username })}
                      done={t('resetLinkMade')}
                      fields={[{ name: 'username', label: t('username'), type: 'hidden', defaultValue: m.username }]}
                      buttons={[{ label: t('resetLink') }]}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager base={here({})} cursor={page.firstPage ? null : cursor} nextCursor={page.nextCursor} trail={parseTrail(sp.trail)} />
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
