import { positionsOf } from './validation';

describe('positionsOf', () => {
  it.each([
    [['decisions', 2, 'operations', 5, 'unit', 'code'], { decisionIndex: 2, operationIndex: 5 }],
    [['decisions', 0, 'number'], { decisionIndex: 0 }],
    [['units', 0, 'sector'], { row: 1 }],
    [['decisions'], {}],
    [['name'], {}],
  ])('%j → %j', (path, expected) => {
    expect(positionsOf(path)).toEqual(expected);
  });
});
