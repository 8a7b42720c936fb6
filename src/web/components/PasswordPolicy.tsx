import { Alert } from 'antd';
import { useT } from '../i18n/I18nProvider';

/** The password rules the server enforces, stated before anyone types (MLPS-style policy). */
export function PasswordPolicy() {
  const t = useT();
  return (
    <Alert
      type="info"
      className="password-policy"
      title={
        <>
          <strong>{t('password.policyTitle')}</strong>
          <ul className="policy-list">
            <li>{t('password.ruleLength')}</li>
            <li>{t('password.ruleClasses')}</li>
            <li>{t('password.ruleName')}</li>
            <li>{t('password.ruleCommon')}</li>
          </ul>
        </>
      }
    />
  );
}

/** Client-side checks that only save a round trip; the server has the final word. */
export const passwordRules = (t: ReturnType<typeof useT>) => [
  { required: true, message: t('password.required') },
  { min: 10, message: t('password.ruleLength') },
  { max: 128, message: t('password.tooLong') },
];
