'use client';

/** The comment just posted, in its place on the page: marked, focused and in view. */
export function markPosted(id: number | string): void {
  const card = document.getElementById(`c${id}`);
  if (!card) return;
  card.setAttribute('tabindex', '-1');
  card.classList.remove('just-posted');
  void card.offsetWidth; // restart the highlight when the same card is marked again
  card.classList.add('just-posted');
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'nearest' });
}
