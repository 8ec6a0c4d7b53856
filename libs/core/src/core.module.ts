import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { Clock } from './clock/clock';
import { Database, DataSourceDatabase } from './database/database';

@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, dataSource: DataSource, clock = new Clock()): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useValue: dataSource },
        { provide: Database, useValue: new DataSourceDatabase(dataSource) },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, DataSource, Database, Clock],
    };
  }
}
