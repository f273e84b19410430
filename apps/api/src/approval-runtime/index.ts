export { EmbeddedApprovalRuntime } from './approval-runtime';
