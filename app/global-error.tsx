'use client';

// The last resort, when a page cannot be rendered at all: in practice a cached page that was
// never rendered before the database went away (rendered pages keep being served). It cannot
// know the reader's language, so it speaks both.
import { UNAVAILABLE } from '@/lib/i18n/unavailable-text.ts';

export default function GlobalError() {
  const { zh, en } = UNAVAILABLE;
  return (
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* This page replaces the root layout, whose styles may be what failed: a plain file. */}
        {/* eslint-disable-next-line @next/next/no-css-tags */}
        <link rel="stylesheet" href="/unavailable.css" />
      </head>
      <body>
        <main>
          <h1>{zh.title}</h1>
          <p>{zh.body}</p>
          <h2 lang="en">{en.title}</h2>
          <p lang="en">{en.body}</p>
          <p>
            <a href="">
              {zh.retry} · <span lang="en">{en.retry}</span>
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
