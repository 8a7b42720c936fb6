import dayjs from 'dayjs';

/** Date and time the way clerks write them: 2025-03-01 14:05. */
export const formatDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export const todayIso = () => dayjs().format('YYYY-MM-DD');
