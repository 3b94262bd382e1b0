// The members' shared thread pages (lib/cache/member-shell.ts, docs/decisions/006): rendered
// once per (language, article, sort, cursor) for every member who has taken no part in the
// article, served from Next's cache. Requests reach them through proxy.ts, never by their own
// address. Nothing here may read the request: the member's own corner of the header is
// filled in the browser (components/shell-header.tsx).
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { SiteFrame, siteMetadata } from '@/components/site-frame.tsx';
import { ShellAccount, ShellAlerts, type ShellHeaderLabels } from '@/components/shell-header.tsx';
import { localeParams, pathLocale } from '@/lib/cache/cached-page.ts';
import { CLIENT_NAMESPACES, pickMessages } from '@/i18n/client-messages.ts';

export const generateStaticParams = localeParams;

export const generateMetadata = async ({ params }: LayoutProps<'/shell/[locale]'>) => siteMetadata((await params).locale);

export default async function ShellLayout({ children, params }: LayoutProps<'/shell/[locale]'>) {
  const locale = pathLocale((await params).locale);
  const ta = await getTranslations({ locale, namespace: 'auth' });
  const tn = await getTranslations({ locale, namespace: 'notifications' });
  const labels: ShellHeaderLabels = {
    signedInAs: ta('signedInAs', { name: '{name}' }),
    account: ta('signedIn'),
    profile: ta('profile'),
    settings: ta('settings'),
    signOut: ta('signOut'),
    signOutEverywhere: ta('signOutEverywhere'),
    notifications: tn('nav'),
    unreadSuffix: tn('unreadSuffix'),
  };
  const messages = await getMessages({ locale });
  return (
    <SiteFrame locale={locale} account={<ShellAccount labels={labels} />} alerts={<ShellAlerts labels={labels} />}>
      <NextIntlClientProvider locale={locale} messages={pickMessages(messages, CLIENT_NAMESPACES)}>
        {children}
      </NextIntlClientProvider>
    </SiteFrame>
  );
}
