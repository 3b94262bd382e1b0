import { connection } from 'next/server';
import { HomePage } from '@/components/views/home-page.tsx';

// The thread list for a signed-in reader (anonymous readers get app/cached/…).
export default async function Page({ searchParams }: PageProps<'/'>) {
  await connection();
  const { cursor } = await searchParams;
  return <HomePage cursor={typeof cursor === 'string' && cursor ? cursor : null} />;
}
