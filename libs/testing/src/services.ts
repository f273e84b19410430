import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

// Where the real services for integration tests live. test/global-setup.ts finds or starts them
// and, outside CI, records why one is missing in these variables instead of failing the run.
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
export const POSTGRES_UNAVAILABLE_ENV = 'TEST_POSTGRES_UNAVAILABLE';
export const KAFKA_UNAVAILABLE_ENV = 'TEST_KAFKA_UNAVAILABLE';

export function postgresUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function kafkaBrokers(): string[] {
  return (process.env.KAFKA_BROKERS || DEFAULT_KAFKA_BROKERS)
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/** The PostgreSQL URL, or a clear failure when global setup could not reach PostgreSQL. */
export function requirePostgres(): string {
  const reason = process.env[POSTGRES_UNAVAILABLE_ENV];
  if (reason) {
    throw new Error(
      `This test needs PostgreSQL at ${postgresUrl()}, which was not reachable: ${reason}. ` +
        'Start it (e.g. pg_ctlcluster --skip-systemctl-redirect <version> main start) or set DATABASE_URL.',
    );
  }
  return postgresUrl();
}

/** The Kafka bootstrap brokers, or a clear failure when global setup could not have a broker. */
export function requireKafka(): string[] {
  const reason = process.env[KAFKA_UNAVAILABLE_ENV];
  if (reason) {
    throw new Error(
      `This test needs a Kafka broker at ${kafkaBrokers().join(',')}, which could not be had: ${reason}. ` +
        'Start one with `npm run kafka:start` or set KAFKA_BROKERS.',
    );
  }
  return kafkaBrokers();
}

/** A lower-case identifier unique to this run, safe for PostgreSQL names, Kafka topics and groups. */
export function uniqueName(prefix: string): string {
  const label = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 40);
  return `${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function probePostgres(url: string, timeoutMs = 15_000): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function probeKafka(brokers: string[], timeoutMs = 15_000): Promise<void> {
  const admin = new Kafka({
    clientId: 'test-service-probe',
    brokers,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 1, initialRetryTime: 100 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface ThrowawayPostgres {
  /** Schema or database name. */
  name: string;
  /** Connection string; for a database it points at that database. */
  connectionString: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A fresh schema in the test database for one suite; `drop()` removes it and everything in it. */
export async function createThrowawaySchema(label = 'suite'): Promise<ThrowawayPostgres> {
  const connectionString = requirePostgres();
  const name = uniqueName(`t_${label}`);
  await withClient(connectionString, (client) => client.query(`create schema ${quoteIdent(name)}`));
  return {
    name,
    connectionString,
    drop: () =>
      withClient(connectionString, (client) => client.query(`drop schema if exists ${quoteIdent(name)} cascade`)).then(
        () => undefined,
      ),
  };
}

/** A fresh database for one suite (for code that owns a whole database); `drop()` forces it away. */
export async function createThrowawayDatabase(label = 'suite'): Promise<ThrowawayPostgres> {
  const adminUrl = requirePostgres();
  const name = uniqueName(`t_${label}`);
  await withClient(adminUrl, (client) => client.query(`create database ${quoteIdent(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    connectionString: url.toString(),
    drop: () =>
      withClient(adminUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`)).then(
        () => undefined,
      ),
  };
}
