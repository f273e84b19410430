export * from './streams';
export * from './command-context';
export * from './register-events';
export * from './register-repository';
export * from './decision-service';
export * from './annulment-service';
export * from './governing-body-service';
export * from './baseline-service';
