'use client';

import { useHydrated } from './use-hydrated.ts';

/** "Select all" for the queue's checkboxes (with JavaScript; without, each is ticked by hand). */
export function SelectAll({ label }: { label: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <label className="select-all">
      <input
        type="checkbox"
        onChange={(e) => {
          for (const box of e.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="ids"]') ?? []) box.checked = e.currentTarget.checked;
        }}
      />{' '}
      {label}
    </label>
  );
}
