// An embedded thread rendered for a member, per request (anonymous readers get app/framed).
// The member's session in a frame under another site is a partitioned cookie
// (lib/embed/frame-session.ts): their first-party one is not sent there.
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, setRequestLocale } from 'next-intl/server';
import { EmbedFrame, EMBED_FRAME_SCRIPT, embedMetadata } from '@/components/embed-frame.tsx';
import { isLocale } from '@/i18n/locales.ts';
import { CLIENT_NAMESPACES, pickMessages } from '@/i18n/client-messages.ts';

export const generateMetadata = async ({ params }: LayoutProps<'/embed/[site]/[lang]'>) => embedMetadata((await params).lang);

export default async function EmbedLayout({ children, params }: LayoutProps<'/embed/[site]/[lang]'>) {
  const { lang } = await params;
  if (!isLocale(lang)) notFound();
  setRequestLocale(lang);
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  const messages = await getMessages({ locale: lang });
  return (
    <EmbedFrame locale={lang} script={<script src={EMBED_FRAME_SCRIPT} nonce={nonce} defer />}>
      <NextIntlClientProvider locale={lang} messages={pickMessages(messages, CLIENT_NAMESPACES)}>
        {children}
      </NextIntlClientProvider>
    </EmbedFrame>
  );
}
