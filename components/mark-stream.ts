// Whether the page is listening to its live stream: `<html data-live-stream="open">` once
// the server holds the stream (it subscribes before it answers), "connecting" while it
// reconnects. Tests wait on it instead of sleeping; public/live.js does the same on readers'
// pages. An attribute React never renders, so it cannot fight React over it.
export function markStream(stream: EventSource): void {
  const mark = (state: string) => document.documentElement.setAttribute('data-live-stream', state);
  stream.addEventListener('open', () => mark('open'));
  stream.addEventListener('error', () => mark('connecting'));
}
