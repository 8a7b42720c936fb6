/**
 * Official calendars shipped with the application (data/calendars/*.json).
 *
 * Imported as JSON modules rather than read with fs so the domain layer stays free of I/O and the data
 * is bundled wherever the code goes (server under tsx, tests under vitest, the web build under vite).
 * Plain `import … from '….json'` (no `with { type: 'json' }`) because that is what all three accept.
 * Each year is validated at import time, so a broken data file fails fast and loudly.
 *
 * To add a year: create data/calendars/<year>.json from the State Council notice and list it below.
 */
import y2024 from '../../../data/calendars/2024.json';
import y2025 from '../../../data/calendars/2025.json';
import y2026 from '../../../data/calendars/2026.json';
import { parseCalendarYear, type CalendarYear } from './year-data';

export const shippedCalendarYears: CalendarYear[] = [y2024, y2025, y2026].map((y) => parseCalendarYear(y));
