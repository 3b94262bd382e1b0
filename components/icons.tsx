// The header's icons (drawn here, no icon font, no outside file): shared by the page rendered
// per request and the members' shared page.
const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function BellIcon() {
  return (
    <svg aria-hidden="true" className="alert-icon" viewBox="0 0 24 24" {...stroke}>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function ShieldIcon() {
  return (
    <svg aria-hidden="true" className="alert-icon" viewBox="0 0 24 24" {...stroke}>
      <path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10" />
    </svg>
  );
}
