'use client';

import { useActionState, useRef, useState } from 'react';
import { useFocusAfterRefusal } from './use-focus-after-refusal.ts';
import { useTypedEarly } from './use-typed-early.ts';
import type { FormState } from '@/lib/server/form-attempt.ts';

export interface ArticleFormLabels {
  title: string; source: string; sourceUrl: string; publishedAt: string; publishedAtHint: string; slug: string; slugHint: string;
  body: string; bodyHint: string; submit: string; preview: string; done: string;
}

/**
 * Staff write or edit an article: every field kept after a refusal, focus on the field to
 * fix, and a preview of the page's text as it will read (paragraphs split at blank lines).
 */
export function ArticleForm({ action, labels, initial, withSlug, hidden = {} }: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  labels: ArticleFormLabels;
  initial: { title?: string; source?: string; sourceUrl?: string; publishedAt?: string; body?: string; slug?: string };
  withSlug: boolean;
  hidden?: Record<string, string>;
}) {
  const [state, run, pending] = useActionState<FormState, FormData>(action, {});
  const values = { ...initial, ...(state.values ?? {}) } as Record<string, string | undefined>;
  const [title, setTitle] = useState(values.title ?? '');
  const [body, setBody] = useState(values.body ?? '');
  const form = useFocusAfterRefusal(state, state.field ? [`[name="${state.field}"]`] : []);
  const titleField = useRef<HTMLInputElement>(null);
  const bodyField = useRef<HTMLTextAreaElement>(null);
  useTypedEarly(titleField, setTitle);
  useTypedEarly(bodyField, setBody);
  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => (
    <p className="field">
      <label htmlFor={`article-${name}`}>{label}</label>
      {input}
      {hint ? (
        <span className="hint" id={`article-${name}-hint`}>
          {hint}
        </span>
      ) : null}
    </p>
  );
  const bad = (name: string) => (state.field === name ? true : undefined);
  return (
    <div className="article-editor">
      <form ref={form} action={run} className="mod-form article-form" aria-label={labels.submit}>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {field('title', labels.title, <input ref={titleField} id="article-title" name="title" defaultValue={values.title} required maxLength={200} aria-invalid={bad('title')} onChange={(e) => setTitle(e.target.value)} />)}
        {field('source', labels.source, <input id="article-source" name="source" defaultValue={values.source} required maxLength={100} aria-invalid={bad('source')} />)}
        {field('sourceUrl', labels.sourceUrl, <input id="article-sourceUrl" name="sourceUrl" type="url" defaultValue={values.sourceUrl} aria-invalid={bad('sourceUrl')} />)}
        {field(
          'publishedAt',
          labels.publishedAt,
          <input id="article-publishedAt" name="publishedAt" type="datetime-local" defaultValue={values.publishedAt} aria-invalid={bad('publishedAt')} aria-describedby="article-publishedAt-hint" />,
          labels.publishedAtHint,
        )}
        {withSlug
          ? field('slug', labels.slug, <input id="article-slug" name="slug" defaultValue={values.slug} pattern="[a-z0-9][a-z0-9\-]{0,79}" aria-invalid={bad('slug')} aria-describedby="article-slug-hint" />, labels.slugHint)
          : null}
        {field(
          'body',
          labels.body,
          <textarea ref={bodyField} id="article-body" name="body" rows={14} defaultValue={values.body} required aria-invalid={bad('body')} aria-describedby="article-body-hint" onChange={(e) => setBody(e.target.value)} />,
          labels.bodyHint,
        )}
        <p className="buttons">
          <button type="submit" disabled={pending}>
            {labels.submit}
          </button>
        </p>
        <p className={state.ok ? 'notice' : 'form-error'} role={state.message ? 'alert' : 'status'}>
          {state.ok ? labels.done : state.message}
        </p>
      </form>
      {title || body ? (
        <section className="article preview" aria-label={labels.preview}>
          <p className="hint">{labels.preview}</p>
          <h2>{title}</h2>
          <div className="article-body">
            {body
              .split(/\n\s*\n/)
              .map((p) => p.trim())
              .filter(Boolean)
              .map((p, i) => (
                <p key={i}>{p}</p>
              ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
