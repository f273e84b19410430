import { AppConfig } from './app-config';
import { ConfigValidationError } from './config-validation.error';

function problemsOf(env: Record<string, string>): string[] {
  try {
    AppConfig.fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('notifier topic and consumer group settings', () => {
  it('defaults to the contract topic and the reorg-notifier group', () => {
    expect(AppConfig.fromEnv({}).kafka).toMatchObject({ proposalsTopic: 'reorg.proposals.internal.v1', notifierGroupId: 'reorg-notifier' });
  });

  it('reads an isolated topic and group', () => {
    expect(AppConfig.fromEnv({ KAFKA_PROPOSALS_TOPIC: 'staging.proposals', NOTIFIER_GROUP_ID: 'notifier-b' }).kafka).toMatchObject({
      proposalsTopic: 'staging.proposals',
      notifierGroupId: 'notifier-b',
    });
  });

  it('refuses names Kafka would refuse', () => {
    expect(problemsOf({ KAFKA_PROPOSALS_TOPIC: 'has space', NOTIFIER_GROUP_ID: 'a/b' }).sort()).toEqual(['KAFKA_PROPOSALS_TOPIC', 'NOTIFIER_GROUP_ID']);
  });
});
