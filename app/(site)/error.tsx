'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';

/**
 * A page failed while rendering. It says what happened: when the database is out of reach
 * (asked of /api/ready), the outage page's words; otherwise that something went wrong on our
 * side, with the error's reference, which the server's log carries too.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  const [outage, setOutage] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    fetch('/api/ready', { cache: 'no-store' })
      .then((r) => live && setOutage(r.status === 503))
      .catch(() => live && setOutage(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="error-page" role="alert">
      <h1>{outage ? t('unavailableTitle') : t('failedTitle')}</h1>
      <p>{outage ? t('unavailableBody') : t('failedBody')}</p>
      {!outage && error.digest ? <p className="meta">{t('reference', { digest: error.digest })}</p> : null}
      <p>
        <button type="button" onClick={() => reset()}>
          {t('retry')}
        </button>{' '}
        · <Link href="/">{t('home')}</Link>
      </p>
    </div>
  );
}
