export * from './api-client';
export type { components, operations, paths } from './openapi';
