export * from './register.queries';
export * from './proposal.queries';
