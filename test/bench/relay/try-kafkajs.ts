import { randomUUID } from 'node:crypto';
import { createKafka, murmur2, CLOUDEVENTS_CONTENT_TYPE } from '@reorg/messaging';
import { CompressionTypes, logLevel, type Message } from 'kafkajs';
import { kafkajsBaseline } from './kafkajs-baseline';

async function main() {
  const kafka = createKafka({ brokers: [process.env.KAFKA_BROKERS!], clientId: 'try', logLevel: logLevel.NOTHING });
  const N = Number(process.env.N ?? 100000);
  const units = Array.from({ length: 20000 }, () => `unit-${randomUUID()}`);
  const messages: Message[] = [];
  for (let i = 0; i < N; i++) {
    const key = units[i % units.length];
    const value = Buffer.from(JSON.stringify({ specversion: '1.0', id: randomUUID(), source: 'urn:reorg:register', type: 'reorg.register.UnitRenamed.v1', subject: key, time: new Date().toISOString(), datacontenttype: 'application/json', data: { unitId: key, effectiveDate: '2025-07-01', decision: { key: `${i}/QĐ-UBND`, number: `${i}/QĐ-UBND`, date: '2025-06-01', effectiveDate: '2025-07-01', issuer: 'UBND tỉnh', signer: 'Chủ tịch UBND tỉnh' }, change: { name: `Trung tâm dịch vụ ${i}`, previousName: `Trung tâm ${i}` } }, position: i, hash: 'a'.repeat(64) }));
    messages.push({ key, value, partition: (murmur2(Buffer.from(key)) & 0x7fffffff) % 6, headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } });
  }
  console.log('bytes', messages[0].value!.length);
  const admin = kafka.admin(); await admin.connect();
  for (const [batch, comp, lanes] of (process.env.CASES ?? '1000:none:1,5000:none:1,1000:gzip:1,1000:none:3').split(',').map((c) => c.split(':'))) {
    const topic = `try_${randomUUID().slice(0, 8)}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
    const r = await kafkajsBaseline({ kafka, topic, messages, batchSize: Number(batch), compression: comp === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None, lanes: Number(lanes) });
    console.log(batch, comp, lanes, Math.round(r.recordsPerSec), 'rec/s', r.cpuMicrosPerRecord, 'µs/rec');
    await admin.deleteTopics({ topics: [topic] });
  }
  await admin.disconnect();
}
main().catch((e) => { console.error(e); process.exit(1); });
