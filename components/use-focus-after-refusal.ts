'use client';

import { useEffect, useRef } from 'react';

/**
 * After a refusal, focus goes to the field it names: the first of `selectors` the form has
 * (say, the first field marked invalid, else the one to type again). The member sees and
 * hears what to fix without hunting for it. Runs when `state` (the form's action state)
 * changes, never while the member types.
 */
export function useFocusAfterRefusal(state: unknown, selectors: readonly string[]) {
  const form = useRef<HTMLFormElement>(null);
  const wanted = selectors.join('\n');
  useEffect(() => {
    for (const selector of wanted ? wanted.split('\n') : []) {
      const el = form.current?.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
    // Keyed on the state object: a new refusal focuses again, a re-render does not.
  }, [state, wanted]);
  return form;
}
