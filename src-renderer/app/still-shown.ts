import { useCallback } from 'react';
import { useLocation } from 'react-router';

/**
 * Whether the address still shows this page. The router renders the next page in a transition, so
 * a page's timer or awaited save can end after the user has clicked elsewhere (the page is still
 * mounted, or already gone); navigating from it then would take them back. The address bar already
 * shows where they went (the app runs under a hash router).
 */
export function useStillShown(): () => boolean {
  const { pathname } = useLocation();
  return useCallback(() => window.location.hash.replace(/^#/, '').split('?')[0] === pathname, [pathname]);
}

/**
 * The address's search parameters as they are now, not as the last render saw them: a change
 * built from them keeps one made a moment before (a filter chosen while a search was being
 * written) that the page has not rendered yet.
 */
export const addressParams = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '');
