// The e-mails recorded on a case with attachments left out, held by the case page rather than the
// Communications tab: the warning outlives a look at another tab, and goes when the officer says
// they have seen it or leaves the case (the contact's text and the evidence row keep the note).
import {
  createContext,
  useContext,
  useState,
  type Dispatch,
  type ReactNode,
  type SetStateAction,
} from 'react';
import type { ImportedEmail } from '../../../src-shared/ipc/channels/email';

type LeftOut = [ImportedEmail[], Dispatch<SetStateAction<ImportedEmail[]>>];

const CaseLeftOutContext = createContext<LeftOut | null>(null);

/** Around a case's tabs, keyed by the case: another case's page starts without the warning. */
export function CaseLeftOutProvider({ children }: { children: ReactNode }) {
  const state = useState<ImportedEmail[]>([]);
  return <CaseLeftOutContext.Provider value={state}>{children}</CaseLeftOutContext.Provider>;
}

/** The case page's mails with attachments left out; outside one, the caller's own. */
export function useCaseLeftOut(): LeftOut {
  const own = useState<ImportedEmail[]>([]);
  return useContext(CaseLeftOutContext) ?? own;
}
