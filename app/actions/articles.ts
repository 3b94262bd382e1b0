'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { formText } from '@/lib/form-text.ts';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { attempt, type FormState } from '@/lib/server/form-attempt.ts';
import { invalid } from '@/lib/errors.ts';
import { createArticle, setPublishers, updateArticle } from '@/lib/articles/publish.ts';

const fields = (form: FormData) => ({
  title: formText(form, 'title'),
  source: formText(form, 'source'),
  sourceUrl: formText(form, 'sourceUrl'),
  publishedAt: formText(form, 'publishedAt'),
  body: formText(form, 'body'),
});

/** Publishes the article and opens it. */
export async function publishArticleAction(_prev: FormState, form: FormData): Promise<FormState> {
  let slug = '';
  const state = await attempt(form, async () => {
    ({ slug } = await createArticle(db(), await currentMember(), { ...fields(form), slug: formText(form, 'slug') }));
  });
  if (!state.ok) return state;
  redirect(`/articles/${slug}`);
}

export async function editArticleAction(_prev: FormState, form: FormData): Promise<FormState> {
  const slug = formText(form, 'article');
  return attempt(form, async () => {
    await updateArticle(db(), await currentMember(), slug, fields(form));
    revalidatePath(`/mod/articles/${slug}/edit`);
  });
}

/** Takes an article down, or puts it back (a plain form: no JavaScript needed). */
export async function articleVisibilityAction(_prev: FormState, form: FormData): Promise<FormState> {
  const slug = formText(form, 'article');
  return attempt(form, async () => {
    const published = formText(form, 'published') === '1';
    if (!published && form.get('confirmUnpublish') !== 'on') throw invalid({ confirmUnpublish: 'unpublish_unconfirmed' });
    await updateArticle(db(), await currentMember(), slug, { published });
    revalidatePath(`/mod/articles/${slug}/edit`);
  });
}

export async function publishersAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => {
    await setPublishers(db(), await currentMember(), formText(form, 'who'));
    revalidatePath('/mod/threads');
  });
}
