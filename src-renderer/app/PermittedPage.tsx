import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
  titleKey,
  children,
}: {
  action: Action;
  /** The page's title, as an i18n key. */
  titleKey: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const allowed = useCurrentUser().can(action);
  if (allowed.ok) return children;
  return (
    <>
      <PageHeader title={t(titleKey)} />
      <NotAllowed permission={allowed} />
    </>
  );
}
