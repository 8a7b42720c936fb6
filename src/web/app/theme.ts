import type { ThemeConfig } from 'antd';

/** A sober government palette: deep blue for actions, navy navigation, calm neutrals, readable 14px Chinese text. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1559a8',
    colorInfo: '#1559a8',
    colorSuccess: '#2e8b57',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    colorBgLayout: '#f2f4f8',
  },
  components: {
    Layout: { siderBg: '#0b2545', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#0b2545', darkSubMenuItemBg: '#081c36', darkItemSelectedBg: '#1559a8' },
    Table: { headerBg: '#f5f7fa' },
  },
};
