import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Card, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useToday } from '../api';

/** Today's date, whether it is a working day, and the 10-working-day deadline most notices use. */
export function TodayCard({ enabled }: { enabled: boolean }) {
  const t = useT();
  const today = useToday(enabled);
  const date = dayjs();
  return (
    <Card title={<><CalendarOutlined /> {t('home.today')}</>} variant="borderless" className="today-card" data-testid="today-card">
      <Typography.Title level={4} className="today-card__date">
        {date.format(t('format.longDate'))}
      </Typography.Title>
      {!enabled ? null : today.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : today.isError ? (
        <Alert type="warning" showIcon title={errorMessage(today.error)} />
      ) : (
        <>
          <div className="today-card__status">
            {today.data.isWorkingDay ? (
              <Tag color="blue">{today.data.madeUpWorkday ? t('home.madeUpWorkday', { name: today.data.madeUpWorkday }) : t('home.workingDay')}</Tag>
            ) : (
              <Tag color="green">{today.data.holidayName ? t('home.holiday', { name: today.data.holidayName }) : t('home.restDay')}</Tag>
            )}
          </div>
          <Typography.Text type="secondary">{t('home.tenDays')}</Typography.Text>
          <div className="today-card__deadline" data-testid="ten-working-days">
            {dayjs(today.data.tenWorkingDaysLater).format(t('format.dateWithWeekday'))}
          </div>
          {!today.data.covered && <Alert type="warning" showIcon className="mt-8" title={t('calendar.notCovered')} />}
        </>
      )}
    </Card>
  );
}
