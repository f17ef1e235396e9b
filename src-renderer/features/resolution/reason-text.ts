import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../src-shared/domain/money';
import type { ApprovalReason } from '../../../src-shared/domain/resolution';
import { useSettings } from '../../app/settings-context';

/** Why a proposal needs a manager's approval, in words (the amount and the limit in the office's locale). */
export function useReasonText() {
  const { t } = useTranslation();
  const { locale } = useSettings().settings;
  return (r: ApprovalReason) =>
    r.rule === 'amount'
      ? t('resolution.proposal.reason.amount', {
          total: formatMoney(r.total, locale),
          threshold: formatMoney({ amount: r.threshold, currency: r.total.currency }, locale),
        })
      : t(`resolution.proposal.reason.${r.rule}`);
}
