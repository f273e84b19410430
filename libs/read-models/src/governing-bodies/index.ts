export * from './governing-body.entities';
export * from './governing-bodies.projection';
export * from './governing-body.queries';
