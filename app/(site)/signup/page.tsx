import { AuthPage, authMetadata } from '@/components/views/auth-page.tsx';

export const generateMetadata = () => authMetadata('signUp');

export default async function SignUpPage({ searchParams }: PageProps<'/signup'>) {
  return <AuthPage kind="signUp" callbackUrl={(await searchParams).callbackUrl} />;
}
