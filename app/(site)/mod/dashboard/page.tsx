import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { BarChart, ColumnChart } from '@/components/charts.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { dashboard, isRange, RANGES, type Range } from '@/lib/moderation/dashboard.ts';
import { can } from '@/lib/policy.ts';
import { chinaWallClock } from '@/lib/time.ts';

/** How the community is doing (issue 23): numbers and charts drawn on the server, for staff. */
export default async function DashboardPage({ searchParams }: PageProps<'/mod/dashboard'>) {
  const member = await currentMember();
  if (!can(member, 'mod:queue')) notFound();
  const sp = await searchParams;
  const range: Range = isRange(sp.range) ? sp.range : '7d';
  const t = await getTranslations('dashboard');
  const tr = await getTranslations('report');
  const tm = await getTranslations('mod');
  const d = await dashboard(db(), member, range);
  const rangeName = t(`range.${range}`);
  const hourly = RANGES[range].bucket === 'hour';
  const label = (at: Date) => {
    const wall = chinaWallClock(at); // YYYY-MM-DD HH:MM
    return hourly ? wall.slice(11, 16) : wall.slice(5, 10);
  };
  const reason = (r: string) => (tr.has(`reasons.${r.replace('_', '-')}`) ? tr(`reasons.${r.replace('_', '-')}`) : r);
  const action = (a: string) => (tm.has(`logActions.${a}`) ? tm(`logActions.${a}`) : a);
  const tiles: [string, string | number][] = [
    [t('comments'), d.totals.comments],
    [t('replies'), d.totals.replies],
    [t('activeMembers'), d.totals.activeMembers],
    [t('signUps'), d.totals.signUps],
    [t('reports'), d.totals.reports],
    [t('median'), d.medianMinutesToDecision === null ? t('none') : t('minutes', { n: Math.round(d.medianMinutesToDecision) })],
    [t('breakerTrips'), d.totals.breakerTrips],
  ];
  const queue: [string, number][] = [
    [t('openReports'), d.queue.openReports],
    [t('reportedComments'), d.queue.reportedComments],
    [t('held'), d.queue.held],
  ];
  return (
    <>
      <h1>{t('title')}</h1>
      <nav className="ranges" aria-label={t('rangeLabel')}>
        {(Object.keys(RANGES) as Range[]).map((r) => (
          <a key={r} href={`/mod/dashboard?range=${r}`} aria-current={r === range ? 'page' : undefined}>
            {t(`range.${r}`)}
          </a>
        ))}
      </nav>
      <h2>{t('inRange', { range: rangeName })}</h2>
      <Tiles tiles={tiles} />
      <h2>{t('queueNow')}</h2>
      <Tiles tiles={queue} />
      <h2>{t('activityTitle')}</h2>
      <ColumnChart
        id="activity"
        title={t('activityTitle')}
        desc={t('activityDesc', { range: rangeName, bucket: hourly ? t('hour') : t('day'), comments: d.totals.comments, replies: d.totals.replies })}
        tableLabel={t('table')}
        series={[{ name: t('comments') }, { name: t('replies') }]}
        rows={d.activity.map((a) => ({ label: label(a.at), values: [a.comments, a.replies] }))}
      />
      <h2>{t('reasonsTitle')}</h2>
      {d.reportsByReason.length ? (
        <BarChart
          id="reasons"
          title={t('reasonsTitle')}
          desc={t('reasonsDesc', { range: rangeName, count: d.totals.reports })}
          tableLabel={t('table')}
          countLabel={t('count')}
          rows={d.reportsByReason.map((r) => ({ label: reason(r.reason), value: r.count }))}
        />
      ) : (
        <p>{t('nothing')}</p>
      )}
      <h2>{t('decisionsTitle')}</h2>
      {d.decisionsByKind.length ? (
        <BarChart
          id="decisions"
          title={t('decisionsTitle')}
          desc={t('decisionsDesc', { range: rangeName, count: d.decisionsByKind.reduce((n, x) => n + x.count, 0) })}
          tableLabel={t('table')}
          countLabel={t('count')}
          rows={d.decisionsByKind.map((x) => ({ label: action(x.action), value: x.count }))}
        />
      ) : (
        <p>{t('nothing')}</p>
      )}
      <h2>{t('topThreads')}</h2>
      {d.topThreads.length ? (
        <ol>
          {d.topThreads.map((x) => (
            <li key={x.slug}>
              <a href={`/mod?tab=reported&article=${encodeURIComponent(x.slug)}`}>{x.title}</a> · {x.reports}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('nothing')}</p>
      )}
      <h2>{t('topMembers')}</h2>
      {d.topMembers.length ? (
        <ol>
          {d.topMembers.map((x) => (
            <li key={x.username}>
              <a href={`/mod?tab=member&username=${encodeURIComponent(x.username)}`}>
                {x.displayName} (@{x.username})
              </a>{' '}
              · {x.reports}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('nothing')}</p>
      )}
    </>
  );
}

/** Numbers, each with what it counts. */
function Tiles({ tiles }: { tiles: [string, string | number][] }) {
  return (
    <ul className="dashboard-tiles">
      {tiles.map(([k, n]) => (
        <li key={k}>
          <span className="n">{n}</span> <span className="k">{k}</span>
        </li>
      ))}
    </ul>
  );
}
