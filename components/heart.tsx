/** The like symbol (its name is the text beside it: "赞"). */
export function Heart() {
  return (
    <svg className="heart" aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
      <path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.4 3 4.5 6.7 4.5c2.1 0 3.6 1.2 5.3 3.1 1.7-1.9 3.2-3.1 5.3-3.1 3.7 0 5.8 3.9 4.3 7.3C19.5 16.4 12 21 12 21z" />
    </svg>
  );
}
