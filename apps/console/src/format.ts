import dayjs from 'dayjs';
import 'dayjs/locale/vi';

export type Language = 'vi' | 'en';

/** dd/mm/yyyy in Vietnamese, ISO in English: the way each reader writes dates. */
export const DATE_FORMAT: Record<Language, string> = { vi: 'DD/MM/YYYY', en: 'YYYY-MM-DD' };

export const formatDate = (iso: string | undefined, language: Language): string => (iso ? dayjs(iso).format(DATE_FORMAT[language]) : '—');
export const formatInstant = (iso: string | undefined, language: Language): string => (iso ? dayjs(iso).format(`${DATE_FORMAT[language]} HH:mm:ss`) : '—');
export const todayIso = (): string => dayjs().format('YYYY-MM-DD');
export const shortHash = (hash: string | undefined): string => (hash ? `${hash.slice(0, 12)}…` : '—');
