export * from './schedule.entities';
export * from './approval-schedule.projection';
export * from './proposal-executor';
export * from './overdue-detector';
export * from './approval-scheduler';
export * from './approval-runtime.module';
export * from './execution.handlers';
