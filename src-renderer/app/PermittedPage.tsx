import type { ReactNode } from 'react';
import type { Action } from '../../src-shared/domain/permissions';
import { NotAllowed } from '../components/NotAllowed';
import { PageHeader } from '../components/PageHeader';
import { useCurrentUser } from '../features/users/current-user';

/**
 * A page for those the rules allow `action`. Anyone else who reaches it by its address (the
 * navigation does not offer it) sees its title and who can use it, not an empty screen.
 */
export function PermittedPage({
  action,
  title,
  children,
}: {
  action: Action;
  title: string;
  children: ReactNode;
}) {
  const allowed = useCurrentUser().can(action);
  if (allowed.ok) return children;
  return (
    <>
      <PageHeader title={title} />
      <NotAllowed permission={allowed} />
    </>
  );
}
