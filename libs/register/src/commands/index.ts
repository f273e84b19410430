export * from './register.commands';
export * from './register.handlers';
export * from './proposal.commands';
export * from './proposal.handlers';
export * from './execution.commands';
