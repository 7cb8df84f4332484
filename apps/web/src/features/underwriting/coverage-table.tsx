import { useTranslation } from 'react-i18next';
import type { CoverageSelectionValue } from '../../api/underwriting';
import { useFormatters } from '../../i18n/formatters';

/** The cover: each section's limit, retention and waiting period, and the policy aggregate. */
export function CoverageTable({
  coverage,
  caption,
}: {
  readonly coverage: CoverageSelectionValue;
  readonly caption: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="table-scroll">
      <table className="table uw-table--compact" data-testid="coverage-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('underwriting.coverage.section')}</th>
            <th scope="col" className="uw-num">
              {t('underwriting.coverage.limit')}
            </th>
            <th scope="col" className="uw-num">
              {t('underwriting.coverage.retention')}
            </th>
            <th scope="col" className="uw-num">
              {t('underwriting.coverage.waitingPeriod')}
            </th>
          </tr>
        </thead>
        <tbody>
          {coverage.sections.map((section) => (
            <tr key={section.section}>
              <th scope="row">{t(`underwriting.sections.${section.section}`)}</th>
              <td className="uw-num">{format.money(section.limit)}</td>
              <td className="uw-num">{format.money(section.retention)}</td>
              <td className="uw-num">
                {section.waitingPeriodHours === 0
                  ? t('underwriting.coverage.noWaitingPeriod')
                  : t('underwriting.coverage.hours', { hours: section.waitingPeriodHours })}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('underwriting.coverage.policyAggregate')}</th>
            <td className="uw-num">{format.money(coverage.policyAggregate)}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
