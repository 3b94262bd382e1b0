'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import { reportAction, type ModState } from '@/app/actions/mod.ts';
import { REPORT_REASONS } from '@/lib/moderation/report-reasons.ts';
import { FormError } from './form-error.tsx';
import { PendingMark } from './pending-mark.tsx';

export function ReportForm({ commentId, open = false }: { commentId: number; open?: boolean }) {
  const t = useTranslations('report');
  const [state, action, pending] = useActionState<ModState, FormData>(reportAction, {});
  const id = useId();
  if (state.ok) {
    return (
      <p className="notice" role="status">
        {t('done')}
      </p>
    );
  }
  return (
    <details className="report-box" open={state.message || open ? true : undefined}>
      <summary>{t('report')}</summary>
      <form action={action} aria-label={t('report')} className="report-form">
        <input type="hidden" name="commentId" value={commentId} />
        <PendingMark />
        <label htmlFor={`${id}-reason`}>{t('reason')}</label>
        {/* No reason is chosen for the reporter. */}
        <select id={`${id}-reason`} name="reason" defaultValue={state.values?.reason ?? ''} required>
          <option value="" disabled>
            {t('choose')}
          </option>
          {REPORT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reasons.${r}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-note`}>{t('note')}</label>
        <input id={`${id}-note`} name="note" maxLength={500} defaultValue={state.values?.note ?? ''} />
        <button type="submit" disabled={pending}>
          {t('submit')}
        </button>
        <FormError message={state.message} />
      </form>
    </details>
  );
}
