export { UnitsModule, UNIT_PROJECTIONS } from './units.module';
