import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, CoreModule } from '@cbm/core';
import { AuditModule } from '@cbm/audit';
import { AuthModule } from '@cbm/auth';
import { DocumentsModule } from '@cbm/documents';
import { FundModule } from '@cbm/fund';
import { HubModule } from '@cbm/hub';
import { JobsModule } from '@cbm/jobs';
import { KnowledgeModule } from '@cbm/knowledge';
import { NotificationsModule } from '@cbm/notifications';
import { PrivacyModule } from '@cbm/privacy';
import { ReferenceModule } from '@cbm/reference';
import { HealthController } from './health.controller';
import { PortsModule } from './ports.module';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  clock?: Clock;
  /** Outbox relay (and timers without Redis). */
  runRelay: boolean;
  /** BullMQ workers in this process. */
  runWorkers: boolean;
  queuePrefix?: string;
  /** The worker app serves no HTTP. */
  http?: boolean;
}

/** Composition only: each bounded context is a module of its own library. */
@Module({})
export class AppModule {
  static forRoot(o: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // lets tests and tooling walk every controller and route (BullMQ brings it only with Redis)
        DiscoveryModule,
        CoreModule.forRoot(o.config, o.dataSource, o.clock),
        JobsModule.forRoot({
          redisUrl: o.config.redisUrl,
          runRelay: o.runRelay,
          runWorkers: o.runWorkers,
          prefix: o.queuePrefix,
        }),
        AuditModule,
        PrivacyModule,
        ReferenceModule,
        AuthModule,
        NotificationsModule,
        HubModule,
        FundModule,
        PortsModule,
        KnowledgeModule,
        DocumentsModule,
      ],
      controllers: o.http === false ? [] : [HealthController],
    };
  }
}
