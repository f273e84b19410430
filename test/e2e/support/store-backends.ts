import { type ThrowawayPostgres, createThrowawaySchema } from '@reorg/testing';
import { EVENT_STORE, type EventStore } from '@reorg/event-store';
import { type RunningApp, startTestApp } from './test-app';

export type StoreKind = 'sqlite' | 'postgres';

/** Both event stores the app ships with, for describe.each. */
export const STORE_KINDS: Array<[string, StoreKind]> = [
  ['embedded SQLite', 'sqlite'],
  ['PostgreSQL (throwaway schema)', 'postgres'],
];

export interface AppOnStore {
  running: RunningApp;
  url: string;
  /** The app's own event store port (the global log). */
  store: EventStore;
  /** The environment that points another app process at the same store (PostgreSQL only). */
  storeEnv: Record<string, string>;
  close(): Promise<void>;
}

/** The real app in this process on the chosen store; a PostgreSQL schema is created for it and dropped on close. */
export async function startAppOnStore(kind: StoreKind, env: Record<string, string> = {}, label = 'e2e'): Promise<AppOnStore> {
  let schema: ThrowawayPostgres | undefined;
  let storeEnv: Record<string, string> = {};
  if (kind === 'postgres') {
    schema = await createThrowawaySchema(label);
    storeEnv = { EVENT_STORE: 'postgres', DATABASE_URL: schema.connectionString, DATABASE_SCHEMA: schema.name };
  }
  try {
    const running = await startTestApp({ ...storeEnv, ...env });
    return {
      running,
      url: running.url,
      store: running.app.get<symbol, EventStore>(EVENT_STORE),
      storeEnv,
      close: async () => {
        await running.close();
        await schema?.drop();
      },
    };
  } catch (error) {
    await schema?.drop();
    throw error;
  }
}
