import { PROJECTION_BACKENDS, type ProjectionBackend } from '../../integration/projections/projection-backends';

/** A throwaway store and read-model database per history: a SQLite file, or PostgreSQL schemas. */
export function backend(name: 'SQLite file' | 'PostgreSQL'): () => Promise<ProjectionBackend> {
  const found = PROJECTION_BACKENDS.find(([label]) => label === name);
  if (!found) throw new Error(`no projection backend named ${name}`);
  return found[1];
}
