import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { bindArticleAction, createSiteAction, rotateSiteSecretAction, updateSiteAction } from '@/app/actions/sites.ts';
import { ModForm } from '@/components/mod-form.tsx';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { listSites } from '@/lib/embed/sites.ts';
import { siteOrigin } from '@/lib/feeds/site-url.ts';
import { can } from '@/lib/policy.ts';

/**
 * Publishers' sites (issue 22): register one, copy its one-line embed and its single sign-on
 * secret, change its origins, bind an existing article to one of its pages. Admins only.
 */
export default async function SitesPage() {
  const member = await currentMember();
  if (!can(member, 'admin:settings')) notFound();
  const t = await getTranslations('mod');
  const sites = await listSites(db(), member);
  const forum = await siteOrigin();
  const locales = [
    { value: 'zh-CN', label: '简体中文' },
    { value: 'en', label: 'English' },
  ];
  return (
    <>
      <h1>{t('sitesTitle')}</h1>
      <p>{t('sitesIntro')}</p>
      <p className="meta">{t('siteRules')}</p>
      {sites.length === 0 ? <p>{t('siteNone')}</p> : null}
      {sites.map((s) => (
        <section key={s.id} className="site-card" aria-labelledby={`site-${s.id}`} data-site={s.id}>
          <h2 id={`site-${s.id}`}>
            {s.name} <span className="meta">{s.id}</span> <span className="meta">{t('siteThreads', { count: s.threads })}</span>
          </h2>
          <p>{t('siteSnippet')}</p>
          <pre className="snippet">
            <code>{`<script src="${forum}/embed.js" data-site="${s.id}" async></script>`}</code>
          </pre>
          <p>{t('siteCountSnippet')}</p>
          <pre className="snippet">
            <code>{`<span data-yilun-count="https://…/article.html"></span>\n<script src="${forum}/count.js" data-site="${s.id}" async></script>`}</code>
          </pre>
          <details>
            <summary>{t('siteSecret')}</summary>
            <pre className="snippet">
              <code data-secret="">{s.ssoSecret}</code>
            </pre>
            <ModForm action={rotateSiteSecretAction} label={`${t('siteRotate')} (${s.id})`} done={t('siteRotated')} fields={[{ name: 'site', label: 'site', type: 'hidden', defaultValue: s.id }]} buttons={[{ label: t('siteRotate') }]} />
          </details>
          <ModForm
            action={updateSiteAction}
            label={`${t('siteSave')} ${s.name} (${s.id})`}
            done={t('saved')}
            fields={[
              { name: 'site', label: 'site', type: 'hidden', defaultValue: s.id },
              { name: 'name', label: t('siteName'), defaultValue: s.name },
              { name: 'origins', label: t('siteOrigins'), type: 'textarea', defaultValue: s.origins.join('\n') },
              { name: 'keepParams', label: t('siteParams'), defaultValue: s.keepParams.join(' ') },
              { name: 'jwksUrl', label: t('siteJwks'), defaultValue: s.jwksUrl ?? '' },
              { name: 'defaultLocale', label: t('siteLocale'), type: 'select', defaultValue: s.defaultLocale, options: locales },
            ]}
            buttons={[{ label: t('siteSave') }]}
          />
          <h3>{t('siteBind')}</h3>
          <ModForm
            action={bindArticleAction}
            label={`${t('siteBind')} (${s.id})`}
            done={t('siteBound')}
            fields={[
              { name: 'site', label: 'site', type: 'hidden', defaultValue: s.id },
              { name: 'slug', label: t('siteBindSlug') },
              { name: 'url', label: t('siteBindUrl'), type: 'text' },
            ]}
            buttons={[{ label: t('siteBind') }]}
          />
        </section>
      ))}
      <h2>{t('siteCreate')}</h2>
      <ModForm
        action={createSiteAction}
        label={t('siteCreate')}
        done={t('siteCreated')}
        resetOnSuccess
        fields={[
          { name: 'name', label: t('siteName') },
          { name: 'origins', label: t('siteOrigins'), type: 'textarea' },
          { name: 'keepParams', label: t('siteParams') },
          { name: 'jwksUrl', label: t('siteJwks') },
          { name: 'defaultLocale', label: t('siteLocale'), type: 'select', defaultValue: 'zh-CN', options: locales },
        ]}
        buttons={[{ label: t('siteCreate') }]}
      />
    </>
  );
}
