import { type ICustomPartitioner, Partitioners } from 'kafkajs';

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's murmur2 (the Java client's Utils.murmur2) in 32-bit integer arithmetic. kafkajs' own copy
 * emulates it with 64-bit Long objects, several allocations per 4 bytes of key: at relay rates it
 * cost as much CPU as building the CloudEvents.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= data[whole + 2] << 16;
    if (rest >= 2) h ^= data[whole + 1] << 8;
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h;
}

/**
 * kafkajs' DefaultPartitioner (Java-compatible: murmur2 of the UTF-8 key, made positive, modulo the
 * partition count) with the fast hash: the same partition for every key, so per-key order holds
 * across a relay upgrade. Messages without a key or with a partition go to the DefaultPartitioner.
 */
export const KeyHashPartitioner: ICustomPartitioner = () => {
  const fallback = Partitioners.DefaultPartitioner();
  return (args) => {
    const { message, partitionMetadata } = args;
    if (message.partition !== undefined && message.partition !== null) return fallback(args);
    if (message.key === undefined || message.key === null) return fallback(args);
    const key = typeof message.key === 'string' ? Buffer.from(message.key, 'utf8') : message.key;
    return (murmur2(key) & 0x7fffffff) % partitionMetadata.length;
  };
};
