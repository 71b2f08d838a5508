// The web-mode implementation: `POST /api/<command>` with the args as a JSON body
// (loopback only). A non-2xx answer carries `{code, message}`.
import type { Backend } from './index';
import type { ArgsOf, CommandName, ResultOf } from './types';
import { AppError, isErrorBody } from './errors';

export function httpBackend(base = '', fetcher: typeof fetch = (...a) => fetch(...a)): Backend {
  return {
    kind: 'http',
    async call<C extends CommandName>(command: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
      let response: Response;
      try {
        response = await fetcher(`${base}/api/${command}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(args ?? {}),
        });
      } catch (thrown) {
        const why = thrown instanceof Error ? thrown.message : String(thrown);
        throw new AppError('network', `The Gallerist core did not answer (${why}).`);
      }
      const text = await response.text();
      let body: unknown = undefined;
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
      }
      if (!response.ok) {
        if (isErrorBody(body)) throw new AppError(body.code, body.message);
        throw new AppError('internal', `HTTP ${response.status} from /api/${command}: ${text.slice(0, 200)}`);
      }
      if (body === undefined) {
        throw new AppError('internal', `/api/${command} answered ${response.status} without JSON.`);
      }
      return body as ResultOf<C>;
    },
  };
}
