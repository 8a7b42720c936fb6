import { lazy, Suspense } from 'react';
import { PageLoading } from '../../components/results';

const DisclosurePage = lazy(() => import('./pages/DisclosurePage').then((m) => ({ default: m.DisclosurePage })));

/** /public/disclosure, outside the signed-in layout: its own chunk, with its own loading state. */
export function DisclosureRoute() {
  return (
    <Suspense fallback={<PageLoading />}>
      <DisclosurePage />
    </Suspense>
  );
}
