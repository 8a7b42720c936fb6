import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { I18nProvider, useLanguage } from '../i18n/I18nProvider';
import { SessionProvider } from '../session/SessionProvider';
import { theme } from './theme';

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a refusal (403, 404, validation) only delays the message the user needs to see.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

function AntdProvider({ children }: { children: ReactNode }) {
  const { lang } = useLanguage();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntdProvider>
          <SessionProvider>{children}</SessionProvider>
        </AntdProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
