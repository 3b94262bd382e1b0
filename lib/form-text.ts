/** A text field of a submitted form; '' when it is missing or a file. */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
