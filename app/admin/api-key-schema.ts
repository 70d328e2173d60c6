import { z } from 'zod'
import { id, text } from '../platform/validation'

/** Issuing a key for a machine client (Open311), and revoking one from the list. */
export const CreateApiKeySchema = z.object({ intent: z.literal('create'), name: text(2, 80) })
const RevokeApiKeySchema = z.object({ intent: z.literal('revoke'), keyId: id })
export const ApiKeySchema = z.discriminatedUnion('intent', [CreateApiKeySchema, RevokeApiKeySchema])
