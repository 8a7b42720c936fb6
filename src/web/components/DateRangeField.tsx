import { SwapRightOutlined } from '@ant-design/icons';
import { DatePicker, Grid } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../i18n/I18nProvider';

export type DateRange = [Dayjs | null, Dayjs | null];

interface Props {
  value?: DateRange | null;
  /** As the RangePicker: both ends (or one, with `allowEmpty`), or null once cleared. */
  onChange?: (value: DateRange | null) => void;
  /**
   * Either end may stay open (a filter "from … on" or "until …"); without it the RangePicker gives only whole
   * ranges. On a phone the ends are picked one after the other, so a half range comes first either way.
   */
  allowEmpty?: boolean;
  allowClear?: boolean;
  /** `full-width` stretches the field (in a form column); otherwise it takes the pickers' own width. */
  className?: string;
  /** Set by Form.Item: the label points at the first input. */
  id?: string;
  /** On both inputs, as antd does for a RangePicker: `.first()` is the start, `.nth(1)` the end. */
  'data-testid'?: string;
}

/**
 * A date range that fits a phone. antd's RangePicker opens two months side by side (≈ 600 px), wider than a phone:
 * below the `md` breakpoint the same value is picked with two single DatePickers (开始日期 → 结束日期), each of which
 * refuses a day on the wrong side of the other end.
 */
export function DateRangeField({ value, onChange, allowEmpty = false, allowClear = true, className, id, 'data-testid': testId }: Props) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [from, to] = value ?? [null, null];

  if (screens.md)
    return (
      <DatePicker.RangePicker
        id={id}
        className={className}
        value={value ?? null}
        onChange={(range) => onChange?.(range ? [range[0] ?? null, range[1] ?? null] : null)}
        allowEmpty={allowEmpty ? [true, true] : undefined}
        allowClear={allowClear}
        data-testid={testId}
      />
    );

  const emit = (next: DateRange) => onChange?.(next[0] || next[1] ? next : null);
  return (
    <div className={['date-range-field', className].filter(Boolean).join(' ')}>
      <DatePicker
        id={id}
        value={from}
        onChange={(d: Dayjs | null) => emit([d, to])}
        disabledDate={(d) => !!to && d.isAfter(to, 'day')}
        placeholder={t('dateRange.from')}
        aria-label={t('dateRange.from')}
        allowClear={allowClear}
        // No keyboard popping up over the calendar on a phone.
        inputReadOnly
        data-testid={testId}
      />
      <SwapRightOutlined className="date-range-field__arrow" aria-hidden />
      <DatePicker
        value={to}
        onChange={(d: Dayjs | null) => emit([from, d])}
        disabledDate={(d) => !!from && d.isBefore(from, 'day')}
        placeholder={t('dateRange.to')}
        aria-label={t('dateRange.to')}
        allowClear={allowClear}
        inputReadOnly
        data-testid={testId}
      />
    </div>
  );
}
