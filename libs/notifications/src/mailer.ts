import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@cbm/core';
import { createTransport, Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** E-mail through SMTP_URL when set; logged otherwise (the embedded mode, tests). */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private readonly transport?: Transporter;
  readonly sent: Mail[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
  }

  async send(mail: Mail): Promise<void> {
    if (this.transport) {
      await this.transport.sendMail({ from: this.config.mailFrom, ...mail });
    } else {
      this.logger.log({ to: mail.to, subject: mail.subject }, 'e-mail (no SMTP_URL: logged, not sent)');
    }
    this.sent.push(mail);
    if (this.sent.length > 100) this.sent.shift();
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
