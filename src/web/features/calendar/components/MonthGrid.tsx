import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../../i18n/I18nProvider';

interface Props {
  year: number;
  /** 0-based month. */
  month: number;
  holidays: Map<string, string>;
  workdays: Map<string, string>;
  today: string;
}

/** One month, Monday first: official holidays green (休), make-up working days orange (班), weekends grey. */
export function MonthGrid({ year, month, holidays, workdays, today }: Props) {
  const t = useT();
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7;
  const days = first.daysInMonth();
  const weekdays = [1, 2, 3, 4, 5, 6, 0].map((d) => dayjs().day(d).format('dd'));
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => first.date(i + 1).format('YYYY-MM-DD'))];
  return (
    <div className="month">
      <div className="month__title">{first.format(t('format.month'))}</div>
      <div className="month__grid" role="grid">
        {weekdays.map((w, i) => (
          <div key={`h${i}`} className="month__head">
            {w}
          </div>
        ))}
        {cells.map((date, i) => {
          if (!date) return <div key={`e${i}`} />;
          const dow = dayjs(date).day();
          const holiday = holidays.get(date);
          const workday = workdays.get(date);
          const cls = ['month__day'];
          if (holiday) cls.push('is-holiday');
          else if (workday) cls.push('is-makeup');
          else if (dow === 0 || dow === 6) cls.push('is-weekend');
          if (date === today) cls.push('is-today');
          const cell = (
            <div key={date} className={cls.join(' ')} role="gridcell" aria-label={date}>
              <span>{Number(date.slice(8))}</span>
              {holiday && <small>{t('calendar.rest')}</small>}
              {workday && <small>{t('calendar.work')}</small>}
            </div>
          );
          const name = holiday ?? workday;
          return name ? (
            <Tooltip key={date} title={`${date} ${name}${workday ? t('calendar.makeupSuffix') : ''}`}>
              {cell}
            </Tooltip>
          ) : (
            cell
          );
        })}
      </div>
    </div>
  );
}
