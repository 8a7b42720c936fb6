import { GlobalOutlined } from '@ant-design/icons';
import { App, Segmented } from 'antd';
import type { Language } from '../../shared/roles';
import { errorMessage } from '../api/client';
import { useLanguage } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionProvider';

/** 中文 / English. Signed in, the choice is also saved to the profile. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { lang } = useLanguage();
  const { changeLanguage } = useSession();
  const { message } = App.useApp();
  return (
    <span className="language-switch">
      <GlobalOutlined aria-hidden />
      <Segmented<Language>
      size={size}
      aria-label="Language / 语言"
      data-testid="language-switch"
      value={lang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      onChange={(next) => changeLanguage(next).catch((e: unknown) => message.error(errorMessage(e)))}
      />
    </span>
  );
}
