import { useT } from '../../i18n/I18nProvider';

/** Logo and product name at the top of the navigation. */
export function Brand({ collapsed, region }: { collapsed: boolean; region?: string }) {
  const t = useT();
  return (
    <div className={collapsed ? 'brand brand--collapsed' : 'brand'}>
      <img src="/favicon.svg" alt="" className="brand__logo" />
      {!collapsed && (
        <div className="brand__text">
          <div className="brand__name">{t('app.brandLine1')}</div>
          <div className="brand__sub">{region ? `${t('app.brandLine2')} · ${region}` : t('app.brandLine2')}</div>
        </div>
      )}
    </div>
  );
}
