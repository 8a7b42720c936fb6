import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The title row of every page: what this is, one line of why, and the page's main actions. */
export function PageHeader({ title, description, extra }: { title: ReactNode; description?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex className="page-header" justify="space-between" align="flex-start" gap={16} wrap>
      <div className="page-header__text">
        <Typography.Title level={3} className="page-header__title">
          {title}
        </Typography.Title>
        {description && <Typography.Text type="secondary">{description}</Typography.Text>}
      </div>
      {extra && <div className="page-header__extra">{extra}</div>}
    </Flex>
  );
}
