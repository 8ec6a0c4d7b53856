export * from './app.module';
export * from './entities';
export * from './database';
export * from './context';
