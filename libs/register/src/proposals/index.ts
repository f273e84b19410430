export * from './attachment-store';
export * from './decide-and-append';
export * from './proposal-service';
export * from './proposal-stream.queries';
export * from './proposal-preview';
