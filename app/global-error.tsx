'use client';

import zh from '@/messages/zh-CN.json';
import en from '@/messages/en.json';

// The last resort, when a page cannot be rendered at all: in practice a cached page that was
// never rendered before the database went away (rendered pages keep being served). It cannot
// know the reader's language, so it speaks both.
export default function GlobalError() {
  return (
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="stylesheet" href="/unavailable.css" />
      </head>
      <body>
        <main>
          <h1>{zh.errors.unavailableTitle}</h1>
          <p>{zh.errors.unavailableBody}</p>
          <h2 lang="en">{en.errors.unavailableTitle}</h2>
          <p lang="en">{en.errors.unavailableBody}</p>
          <p>
            <a href="">{zh.errors.retry} · <span lang="en">{en.errors.retry}</span></a>
          </p>
        </main>
      </body>
    </html>
  );
}
