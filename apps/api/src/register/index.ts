export { RegisterModule } from './register.module';
export { domainRefusalMapper } from './domain-refusal.mapper';
export { RegisterClock } from './register-clock';
