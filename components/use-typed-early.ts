'use client';

import { useEffect, type RefObject } from 'react';

/**
 * Text typed before React took over the page (a slow phone, a busy server) is in the field
 * but never reached `onChange`. On mount, hand what the field holds to `onValue` when it
 * differs from what the server rendered, so counts and previews start from what the person
 * actually typed rather than from empty.
 */
export function useTypedEarly(ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>, onValue: (value: string) => void) {
  useEffect(() => {
    const el = ref.current;
    if (el && el.value !== el.defaultValue) onValue(el.value);
    // Once, at hydration: later changes come through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
