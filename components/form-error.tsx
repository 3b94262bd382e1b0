/**
 * Where a form says why it was refused: always in the page (screen readers are told when it
 * fills), announced as an alert once it has a message.
 */
export function FormError({ message, id }: { message?: string | null; id?: string }) {
  return (
    <p id={id} className="form-error" role={message ? 'alert' : undefined} aria-live="assertive">
      {message}
    </p>
  );
}
