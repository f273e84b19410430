export * from './governing-bodies';
export * from './queries';
export * from './catalogue';
