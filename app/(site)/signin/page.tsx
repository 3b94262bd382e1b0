import { AuthPage, authMetadata } from '@/components/views/auth-page.tsx';

export const generateMetadata = () => authMetadata('signIn');

export default async function SignInPage({ searchParams }: PageProps<'/signin'>) {
  return <AuthPage kind="signIn" callbackUrl={(await searchParams).callbackUrl} />;
}
