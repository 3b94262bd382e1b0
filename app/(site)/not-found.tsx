import { NotFoundView } from '@/components/views/not-found.tsx';

export default NotFoundView;
