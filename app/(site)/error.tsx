'use client';

import { useTranslations } from 'next-intl';

// Reached when a page fails while rendering; the database going away mid-request is the
// usual cause (an outage that is already known is answered with a 503 by proxy.ts).
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <div className="error-page" role="alert">
      <h1>{t('unavailableTitle')}</h1>
      <p>{t('unavailableBody')}</p>
      <p>
        <button type="button" onClick={() => reset()}>{t('retry')}</button> · <a href="/">{t('home')}</a>
      </p>
    </div>
  );
}
