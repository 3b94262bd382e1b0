'use client';

import { useFormStatus } from 'react-dom';
import { useBusyWhile } from './live-store.ts';

/** Inside a form: while its action is on its way, live news on the page waits for it. */
export function PendingMark() {
  useBusyWhile(useFormStatus().pending);
  return null;
}
