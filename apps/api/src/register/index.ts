export { RegisterModule, REGISTER_PROJECTIONS } from './register.module';
export { domainRefusalMapper } from './domain-refusal.mapper';
export { ReadYourWrites } from './read-your-writes';
export { RegisterClock } from './register-clock';
