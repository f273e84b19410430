import { readModelDataSourceOptions } from './read-model-database';

describe('readModelDataSourceOptions', () => {
  it('refuses an in-memory SQLite database and missing connection settings', () => {
    expect(() => readModelDataSourceOptions({ kind: 'sqlite', sqlitePath: ':memory:' }, [])).toThrow('not :memory:');
    expect(() => readModelDataSourceOptions({ kind: 'sqlite' }, [])).toThrow('needs sqlitePath');
    expect(() => readModelDataSourceOptions({ kind: 'postgres' }, [])).toThrow('needs databaseUrl');
  });

  it('names the PostgreSQL schema and leaves table creation to initialization', () => {
    const options = readModelDataSourceOptions({ kind: 'postgres', databaseUrl: 'postgres://db/reads', schema: 'reads' }, []);
    expect(options).toMatchObject({ type: 'postgres', url: 'postgres://db/reads', schema: 'reads', synchronize: false });
  });
});
