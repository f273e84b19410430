export { hasMessage, message, messageText, MESSAGE_KEYS, VIETNAMESE_KEYS, type MessageParams, type MessageValue } from './messages';
export type { MessageKey } from './en';
