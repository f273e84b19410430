// Integration tests start apps, talk to PostgreSQL and Kafka and replay scenarios; beside other
// work on a shared machine each can take many times as long as on an idle one. Every test and
// hook without a larger bound of its own gets this one instead of jest's 5 s.
export const INTEGRATION_TEST_TIMEOUT_MS = 180_000;

jest.setTimeout(INTEGRATION_TEST_TIMEOUT_MS);
