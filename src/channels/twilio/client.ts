import twilio from 'twilio'
import type RequestClient from 'twilio/lib/base/RequestClient.js'
import type { TwilioConfig } from '../../config.js'

/**
 * twilio-node has no base-URL option; its supported seam is `httpClient`. This one rewrites every
 * request to `baseUrl` (a fake Twilio in tests), keeping path and query.
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    opts: RequestClient.RequestClientOptions,
  ) {
    super(opts)
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri)
    const uri = new URL(original.pathname + original.search, this.baseUrl).href
    return super.request<TData>({ ...opts, uri })
  }
}

export type TwilioClient = ReturnType<typeof twilio>

/** The real twilio client; retries are ours (durable, in the outbox), so the client does none. */
export function createTwilioClient(config: TwilioConfig, { timeoutMs = 10_000 } = {}): TwilioClient {
  // twilio-node opens at most 20 sockets to a host by default: an SOS fan-out to 50 contacts on two
  // channels would go out in waves, one provider round trip each. Urgent rows need them all at once.
  const opts: RequestClient.RequestClientOptions = {
    timeout: timeoutMs,
    autoRetry: false,
    maxSockets: 200,
    maxTotalSockets: 400,
  }
  const httpClient = config.apiBaseUrl
    ? new RedirectingRequestClient(config.apiBaseUrl, opts)
    : new twilio.RequestClient(opts)
  return twilio(config.accountSid, config.authToken, { httpClient })
}
