export { UnitsModule } from './units.module';
