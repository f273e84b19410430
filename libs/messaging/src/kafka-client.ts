import { Kafka, logLevel, type logLevel as LogLevel } from 'kafkajs';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs' own log level (default ERROR: its retries are reported by our loops). */
  logLevel?: LogLevel;
}

export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    logLevel: options.logLevel ?? logLevel.ERROR,
  });
}
