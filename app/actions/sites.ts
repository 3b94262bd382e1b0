'use server';

// Admins' forms on /mod/sites (issue 22): each re-checks the session and the policy in
// lib/embed/sites.ts.
import { revalidatePath } from 'next/cache';
import { currentMember } from '@/lib/auth/current-member.ts';
import { db } from '@/lib/db/client.ts';
import { formText } from '@/lib/form-text.ts';
import { attempt, type FormState } from '@/lib/server/form-attempt.ts';
import { bindArticle, createSite, rotateSsoSecret, updateSite } from '@/lib/embed/sites.ts';

const siteInput = (form: FormData) => ({
  name: formText(form, 'name'),
  origins: formText(form, 'origins'),
  keepParams: formText(form, 'keepParams'),
  jwksUrl: formText(form, 'jwksUrl'),
  defaultLocale: formText(form, 'defaultLocale'),
});

export async function createSiteAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => {
    await createSite(db(), await currentMember(), siteInput(form));
    revalidatePath('/mod/sites');
  });
}

export async function updateSiteAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => {
    await updateSite(db(), await currentMember(), formText(form, 'site'), siteInput(form));
    revalidatePath('/mod/sites');
  });
}

export async function rotateSiteSecretAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => {
    await rotateSsoSecret(db(), await currentMember(), formText(form, 'site'));
    revalidatePath('/mod/sites');
  });
}

export async function bindArticleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return attempt(form, async () => {
    await bindArticle(db(), await currentMember(), formText(form, 'site'), formText(form, 'slug'), formText(form, 'url'));
    revalidatePath('/mod/sites');
  });
}
