import { z } from 'zod'

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().url().optional(),
    PGLITE_DIR: z.string().default('.data/pglite'),
    /** 'auto': load the demo into an empty embedded database on start; 'off': never. */
    SEED_DEMO: z.enum(['auto', 'always', 'off']).default('auto'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The address in emails' and SMS links and the feeds; unset: this server on its own PORT. */
    PUBLIC_URL: z.string().url().optional(),
    UPLOAD_DIR: z.string().default('.data/uploads'),
    /** Set: photos go to this S3-compatible bucket, shared by every app server. */
    S3_BUCKET: z.string().min(1).optional(),
    /** The store's address, e.g. https://oss-cn-guangzhou.aliyuncs.com; unset: AWS. */
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    RESEND_API_KEY: z.string().optional(),
    MAIL_FROM: z.string().default('开门 Kaimen <noreply@kaimen.example>'),
    /** Aliyun 短信服务: with the key pair set, SMS leave through Aliyun; unset: kept for the mailbox. */
    ALIYUN_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
    ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
    /** The approved signature, shown by the provider as 【…】 before every SMS. */
    ALIYUN_SMS_SIGN_NAME: z.string().min(1).default('开门平台'),
    ALIYUN_SMS_ENDPOINT: z.string().min(1).default('dysmsapi.aliyuncs.com'),
    /** The approved template code of each SMS (texts in app/locales/zh-CN/sms.ts). */
    ALIYUN_SMS_TEMPLATE_VERIFY_CODE: z.string().min(1).optional(),
    ALIYUN_SMS_TEMPLATE_REPORT_RECEIVED: z.string().min(1).optional(),
    ALIYUN_SMS_TEMPLATE_REPORT_UPDATE: z.string().min(1).optional(),
    ALIYUN_SMS_TEMPLATE_RATING_INVITATION: z.string().min(1).optional(),
    ALIYUN_SMS_TEMPLATE_RATING_REMINDER: z.string().min(1).optional(),
    /** Background jobs (outbox, supervision) run in every app server unless turned off. */
    WORKER: z.enum(['on', 'off']).default('on'),
    /** The local mailbox at /dev/mailbox; only ever on while no RESEND_API_KEY is set. */
    MAILBOX: z.enum(['on', 'off']).default('on'),
    /** Multiplies every rate limit's allowance (the end-to-end tests raise it). */
    /**
     * How many proxies in front of the app append to X-Forwarded-For (nginx: 1). 0: none, the
     * client is the socket's peer and X-Forwarded-For, written by the client, is ignored.
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    RATE_LIMIT_MULTIPLIER: z.coerce.number().positive().default(1),
    /** Days after a report's matter is over before its reporter's contact details are erased. */
    RETENTION_DAYS: z.coerce.number().int().positive().default(365),
    WORKER_INTERVAL_MS: z.coerce.number().int().positive().default(3000),
    /** How long public numbers and reference data may be served from memory (0: never). */
    CACHE_SECONDS: z.coerce.number().int().min(0).default(10),
    /**
     * How long a page rendered for anonymous visitors is shared (0: never; at most 5, so with a
     * downstream cache honouring s-maxage nobody sees a page more than 10 s old).
     */
    PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(5).default(5),
    /** How long a computed scoreboard is served before it is recomputed in the background. */
    SCOREBOARD_SECONDS: z.coerce.number().int().min(0).default(300),
    /** How long one email or SMS may take at the provider before it is retried later. */
    EMAIL_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
    /** The transparency log's signed-note signer key (PRIVATE+KEY+…); required in production. */
    TRANSPARENCY_SIGNING_KEY: z.string().optional(),
    /** How often the transparency log integrates new events and signs a checkpoint. */
    TRANSPARENCY_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  })
  .superRefine((env, ctx) => {
    // Half an Aliyun configuration would lose every SMS at the provider: refuse it at boot.
    if (!env.ALIYUN_SMS_ACCESS_KEY_ID && !env.ALIYUN_SMS_ACCESS_KEY_SECRET) return
    for (const key of [
      'ALIYUN_SMS_ACCESS_KEY_ID',
      'ALIYUN_SMS_ACCESS_KEY_SECRET',
      'ALIYUN_SMS_TEMPLATE_VERIFY_CODE',
      'ALIYUN_SMS_TEMPLATE_REPORT_RECEIVED',
      'ALIYUN_SMS_TEMPLATE_REPORT_UPDATE',
      'ALIYUN_SMS_TEMPLATE_RATING_INVITATION',
      'ALIYUN_SMS_TEMPLATE_RATING_REMINDER',
    ] as const)
      if (!env[key])
        ctx.addIssue({ code: 'custom', path: [key], message: 'required with an Aliyun SMS key' })
  })

export type Env = Omit<z.infer<typeof EnvSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string }

let parsed: Env | undefined

/** The settings, parsed once at boot: a bad setting fails loudly on the first request. */
export function getEnv(): Env {
  if (parsed) return parsed
  const result = EnvSchema.safeParse(process.env)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${problems.join('\n')}`)
  }
  parsed = {
    ...result.data,
    PUBLIC_URL: result.data.PUBLIC_URL ?? `http://localhost:${result.data.PORT}`,
  }
  return parsed
}

/** Reads `process.env` again on the next `getEnv()`: for tests that change a setting. */
export function resetEnv(): void {
  parsed = undefined
}

/** Cookies are Secure in production whenever the site is served over HTTPS. */
export function secureCookies(): boolean {
  const env = getEnv()
  return env.NODE_ENV === 'production' && env.PUBLIC_URL.startsWith('https:')
}

/** Messages are kept for local viewing at /dev/mailbox while a channel has no provider. */
export function mailboxEnabled(): boolean {
  return getEnv().MAILBOX === 'on' && (emailProvider() === 'none' || smsProvider() === 'none')
}

/** What /healthz and the start-up log say about email: 'none' means nothing leaves. */
export function emailProvider(): 'resend' | 'none' {
  return getEnv().RESEND_API_KEY ? 'resend' : 'none'
}

/** What /healthz and the start-up log say about SMS: 'none' means nothing leaves. */
export function smsProvider(): 'aliyun' | 'none' {
  const env = getEnv()
  return env.ALIYUN_SMS_ACCESS_KEY_ID && env.ALIYUN_SMS_ACCESS_KEY_SECRET ? 'aliyun' : 'none'
}

/** A production server without an email or SMS provider sends no receipt and no code: say so loudly. */
export function warnWithoutProviders(log: (message: string) => void = console.error): void {
  if (getEnv().NODE_ENV !== 'production') return
  if (emailProvider() === 'none')
    log(
      '[kaimen] NO EMAIL PROVIDER: RESEND_API_KEY is not set, so no receipt, code or follow link is sent; emails stay in the outbox (readable at /dev/mailbox by a signed-in admin only).',
    )
  if (smsProvider() === 'none')
    log(
      '[kaimen] NO SMS PROVIDER: ALIYUN_SMS_ACCESS_KEY_ID/SECRET are not set, so residents who gave only a mobile get no code, receipt or notice; SMS stay in the outbox (readable at /dev/mailbox by a signed-in admin only).',
    )
}
