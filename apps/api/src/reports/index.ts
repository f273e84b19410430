export { REPORT_PROJECTIONS, ReportsModule } from './reports.module';
