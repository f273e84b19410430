/* The broker's own ceiling: Kafka's ProducerPerformance (Java client from the broker's jars) on this machine. */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface CeilingOptions {
  kafkaLibs: string;
  brokers: string;
  topic: string;
  records: number;
  recordBytes: number;
  /** Records are drawn from this file's lines (the relay's real messages) instead of random bytes of recordBytes. */
  payloadFile?: string;
  compression?: 'none' | 'gzip';
  batchBytes: number;
  lingerMs: number;
}

export interface CeilingResult {
  command: string;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
  p99LatencyMs: number;
  maxLatencyMs: number;
}

/** The Kafka version of the jars in the folder (kafka-clients-<version>.jar), or undefined. */
export function kafkaVersion(kafkaLibs: string): string | undefined {
  try {
    return readdirSync(kafkaLibs)
      .map((file) => /^kafka-clients-(.+)\.jar$/.exec(file)?.[1])
      .find((version) => version !== undefined);
  } catch {
    return undefined;
  }
}

// "100000 records sent, 81234.5 records/sec (55.12 MB/sec), 45.23 ms avg latency, 312.00 ms max latency, 40 ms 50th, 120 ms 95th, 200 ms 99th, 300 ms 99.9th."
const SUMMARY =
  /records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, [\d.]+ ms 50th, [\d.]+ ms 95th, ([\d.]+) ms 99th/;

export function parseSummary(output: string): Omit<CeilingResult, 'command'> {
  const match = output.split('\n').map((line) => SUMMARY.exec(line)).filter((m) => m !== null).at(-1);
  if (!match) throw new Error(`ProducerPerformance printed no summary line:\n${output.slice(-2000)}`);
  const [recordsPerSec, mbPerSec, avgLatencyMs, maxLatencyMs, p99LatencyMs] = match.slice(1).map(Number);
  return { recordsPerSec, mbPerSec, avgLatencyMs, p99LatencyMs, maxLatencyMs };
}

/** Runs ProducerPerformance with acks=all and the given batching and compression; the topic must exist. */
export function producerCeiling(options: CeilingOptions): Promise<CeilingResult> {
  const args = [
    '-Xmx512m',
    '-cp',
    join(options.kafkaLibs, '*'),
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    options.topic,
    '--num-records',
    String(options.records),
    ...(options.payloadFile ? ['--payload-file', options.payloadFile] : ['--record-size', String(options.recordBytes)]),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${options.brokers}`,
    'acks=all',
    `compression.type=${options.compression ?? 'none'}`,
    `linger.ms=${options.lingerMs}`,
    `batch.size=${options.batchBytes}`,
  ];
  const command = `java ${args.map((a) => (a.includes('*') ? `'${a}'` : a)).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${command} exited ${code}:\n${output.slice(-2000)}`));
      try {
        resolve({ command, ...parseSummary(output) });
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}
