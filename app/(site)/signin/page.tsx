import { AuthPage, authMetadata } from '@/components/views/auth-page.tsx';

export const generateMetadata = () => authMetadata('signIn');

export default async function SignInPage({ searchParams }: PageProps<'/signin'>) {
  const sp = await searchParams;
  return <AuthPage kind="signIn" callbackUrl={sp.callbackUrl} error={sp.error} />;
}
