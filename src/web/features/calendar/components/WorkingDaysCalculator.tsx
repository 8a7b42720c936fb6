import { Alert, Button, Card, DatePicker, Form, InputNumber, Result, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useAddWorkingDays } from '../api';

/** "What date is N working days after X?" — the question behind every rectification deadline. */
export function WorkingDaysCalculator() {
  const t = useT();
  // Answer the most common question (today + 10) before anyone asks.
  const [input, setInput] = useState<{ from: string; days: number } | null>(() => ({ from: dayjs().format('YYYY-MM-DD'), days: 10 }));
  const result = useAddWorkingDays(input);
  return (
    <Card variant="borderless" title={t('calendar.calculator')} data-testid="working-days-calculator">
      <Form
        layout="vertical"
        initialValues={{ from: dayjs(), days: 10 }}
        onFinish={(v: { from: Dayjs; days: number }) => setInput({ from: v.from.format('YYYY-MM-DD'), days: v.days })}
      >
        <div className="calc-row">
          <Form.Item name="from" label={t('calendar.fromDate')} rules={[{ required: true, message: t('validate.date') }]}>
            <DatePicker allowClear={false} className="full-width" />
          </Form.Item>
          <Form.Item name="days" label={t('calendar.days')} rules={[{ required: true, message: t('validate.days') }]}>
            <InputNumber min={-3650} max={3650} precision={0} className="full-width" suffix={t('calendar.daysSuffix')} />
          </Form.Item>
        </div>
        <Button type="primary" htmlType="submit" loading={result.isFetching}>
          {t('calendar.calculate')}
        </Button>
      </Form>
      {result.isError && <Alert className="mt-16" type="error" showIcon title={errorMessage(result.error)} />}
      {result.data && (
        <Result
          className="calc-result"
          status="success"
          title={<span data-testid="calc-result">{dayjs(result.data.date).format(t('format.dateWithWeekday'))}</span>}
          subTitle={
            <Typography.Text type="secondary">
              {t('calendar.calcExplain', { from: result.data.from, days: result.data.days })}
            </Typography.Text>
          }
          extra={!result.data.covered && <Alert type="warning" showIcon title={t('calendar.notCovered')} />}
        />
      )}
    </Card>
  );
}
