import { UploadOutlined } from '@ant-design/icons';
import { Button, Col, Row, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/results';
import { useT } from '../../../i18n/I18nProvider';
import { useSession } from '../../../session/SessionProvider';
import { useCalendarYears } from '../api';
import { LoadYearModal } from '../components/LoadYearModal';
import { WorkingDaysCalculator } from '../components/WorkingDaysCalculator';
import { YearList } from '../components/YearList';
import { YearView } from '../components/YearView';

/** 工作日历: the official holiday arrangements behind every working-day deadline. */
export function CalendarPage() {
  const t = useT();
  const { can } = useSession();
  const years = useCalendarYears();
  const [picked, setPicked] = useState<number>();
  const [loading, setLoading] = useState(false);
  const loaded = years.data?.map((y) => y.year) ?? [];
  const thisYear = dayjs().year();
  const selected = picked ?? (loaded.includes(thisYear) ? thisYear : loaded.at(-1));
  return (
    <>
      <PageHeader
        title={t('menu.calendar')}
        description={t('calendar.description')}
        extra={
          can('calendar.manage') && (
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setLoading(true)} data-testid="calendar-load">
              {t('calendar.loadTitle')}
            </Button>
          )
        }
      />
      {years.isError ? (
        <LoadError error={years.error} onRetry={() => void years.refetch()} />
      ) : (
        <Space orientation="vertical" size={16} className="full-width">
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <YearList years={years.data} loading={years.isPending} selected={selected} onSelect={setPicked} />
            </Col>
            <Col xs={24} xl={10}>
              <WorkingDaysCalculator />
            </Col>
          </Row>
          {selected !== undefined && <YearView year={selected} />}
        </Space>
      )}
      <LoadYearModal open={loading} loadedYears={loaded} onClose={() => setLoading(false)} />
    </>
  );
}
