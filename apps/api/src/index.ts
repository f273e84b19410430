export { createApp, startApp, BODY_LIMIT_BYTES, type AppOptions } from './create-app';
export { AppModule } from './app.module';
export { buildOpenApiDocument } from './setup/docs';
