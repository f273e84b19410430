export { ReadConsistencyModule } from './read-consistency.module';
export { ReadHorizon, READ_HORIZON_TIMEOUT_MS } from './read-horizon';
export { MIN_POSITION_HEADER, MIN_POSITION_PARAM, READ_POSITION_HEADER, ReadsEventLog, SkipReadHorizon } from './read-consistency.interceptor';
