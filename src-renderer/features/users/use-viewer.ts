import { useMemo } from 'react';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import { useCurrentUser } from './current-user';

/**
 * The current user's actor for reads that show only what they may see (lists, search, the
 * dashboard, reports). The same object for as long as who they are and what they hold stay the
 * same, so it can be a dependency of an effect or a live query without re-running it each render.
 */
export function useViewer(): ActingPerson {
  const { actor } = useCurrentUser();
  const key = JSON.stringify([actor.id, actor.name, actor.roles, actor.approvalLimit ?? null]);
  // `key` stands for the actor's contents.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => actor, [key]);
}
