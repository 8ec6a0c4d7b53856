import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentRequestContext } from '../context/request-context';

/** JSON logs; every line carries the request id of the request it belongs to. */
export function createPino(level: string): Logger {
  return pino({
    level,
    base: { service: 'cbm' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const ctx = currentRequestContext();
      return ctx ? { requestId: ctx.requestId } : {};
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken', '*.accessToken'],
      censor: '[redacted]',
    },
  });
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, rest: unknown[]) {
    const context =
      rest.length && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message && typeof message === 'object') {
      const text = rest.find((r) => typeof r === 'string' && r !== context) as string | undefined;
      this.pino[level]({ context, ...(message as object) }, text ?? '');
    } else this.pino[level]({ context }, String(message));
  }
  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
}
