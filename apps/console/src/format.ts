import dayjs from 'dayjs';
import 'dayjs/locale/vi';

export type Language = 'vi' | 'en';

/** dd/mm/yyyy in Vietnamese, ISO in English: the way each reader writes dates. */
export const DATE_FORMAT: Record<Language, string> = { vi: 'DD/MM/YYYY', en: 'YYYY-MM-DD' };

export const formatDate = (iso: string | undefined, language: Language): string => (iso ? dayjs(iso).format(DATE_FORMAT[language]) : '—');
export const formatInstant = (iso: string | undefined, language: Language): string => (iso ? dayjs(iso).format(`${DATE_FORMAT[language]} HH:mm:ss`) : '—');
export const todayIso = (): string => dayjs().format('YYYY-MM-DD');
export const shortHash = (hash: string | undefined): string => (hash ? `${hash.slice(0, 12)}…` : '—');

/** A file size as people read it (1 decimal from KiB up), in the reader's number format. */
export function formatSize(bytes: number, language: Language): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${units[unit]}`;
}
