import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import type { UiKey } from '../../../i18n/ui';

export interface QuickLink {
  path: string;
  label: UiKey;
  hint: UiKey;
  icon: ReactNode;
}

/** Shortcuts to what this user may open; nothing here leads to a 403. */
export function QuickLinks({ links }: { links: QuickLink[] }) {
  const t = useT();
  return (
    <Card title={t('home.quickLinks')} variant="borderless">
      <Row gutter={[16, 16]}>
        {links.map((link) => (
          <Col key={link.path} xs={24} sm={12} lg={8} xxl={6}>
            <Link to={link.path} className="quick-link" data-testid={`quick-link-${link.path}`}>
              <span className="quick-link__icon">{link.icon}</span>
              <span>
                <Typography.Text strong>{t(link.label)}</Typography.Text>
                <br />
                <Typography.Text type="secondary" className="quick-link__hint">
                  {t(link.hint)}
                </Typography.Text>
              </span>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
