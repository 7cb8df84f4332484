import { CONTROL_IDS } from '@carapace/contracts';
import { useTranslation } from 'react-i18next';
import type { ControlId, ControlState, SubmissionForm } from './submission-form-model';

/**
 * The security-controls questionnaire: for each control, whether it is in place and whether the company can
 * evidence it. Evidence is only asked of a control in place, so unticking "in place" clears it.
 */
export function ControlQuestionnaire({
  controls,
  onChange,
}: {
  readonly controls: SubmissionForm['controls'];
  readonly onChange: (controls: SubmissionForm['controls']) => void;
}) {
  const { t } = useTranslation();
  const set = (id: ControlId, state: ControlState) => {
    onChange({ ...controls, [id]: state });
  };

  return (
    <fieldset className="card submission-form__section">
      <legend className="card__title">{t('submissions.form.questionnaire')}</legend>
      <p className="hint">{t('submissions.form.questionnaireIntro')}</p>
      <div className="table-scroll">
        <table className="table control-table" data-testid="control-questionnaire">
          <thead>
            <tr>
              <th scope="col">{t('submissions.form.control')}</th>
              <th scope="col" className="control-table__check">
                {t('submissions.form.adopted')}
              </th>
              <th scope="col" className="control-table__check">
                {t('submissions.form.evidenced')}
              </th>
            </tr>
          </thead>
          <tbody>
            {CONTROL_IDS.map((id) => {
              const name = t(`submissions.controls.${id}.name`);
              const state = controls[id];
              return (
                <tr key={id} data-testid={`control-${id}`}>
                  <th scope="row">
                    <span className="control-table__name">{name}</span>
                    <span className="control-table__hint" id={`control-${id}-hint`}>
                      {t(`submissions.controls.${id}.hint`)}
                    </span>
                  </th>
                  <td className="control-table__check">
                    <input
                      type="checkbox"
                      checked={state.adopted}
                      aria-label={t('submissions.form.adoptedLabel', { control: name })}
                      aria-describedby={`control-${id}-hint`}
                      data-testid={`control-${id}-adopted`}
                      onChange={(event) => {
                        set(id, {
                          adopted: event.target.checked,
                          evidenced: event.target.checked && state.evidenced,
                        });
                      }}
                    />
                  </td>
                  <td className="control-table__check">
                    <input
                      type="checkbox"
                      checked={state.evidenced}
                      disabled={!state.adopted}
                      aria-label={t('submissions.form.evidencedLabel', { control: name })}
                      data-testid={`control-${id}-evidenced`}
                      onChange={(event) => {
                        set(id, { adopted: true, evidenced: event.target.checked });
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
