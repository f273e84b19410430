export { CommandEdgeModule } from './command-edge.module';
export { ReadYourWrites, READ_YOUR_WRITES_TIMEOUT_MS } from './read-your-writes';
export { EdgeInterceptor, type EdgeStage } from './edge.interceptor';
