import type { Channel } from '../families/schema.js'

/** The image types a photo may be: what the model's vision reads (JPEG, PNG, WebP, GIF). */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const
export type ImageType = (typeof IMAGE_TYPES)[number]

/** A file a message carried: where the provider keeps it, the type it declared, and its size when told. */
export interface MediaSource {
  channel: Channel
  url: string
  contentType: string
  /** Slack tells the size in the event; Twilio does not. */
  size?: number
}

/** Why a file was not fetched; the pipeline words each one for the sender. */
export type MediaRejection =
  | { kind: 'too_big'; bytes?: number; limit: number }
  | { kind: 'not_an_image'; declared: string }
  | { kind: 'not_allowed' }
  | { kind: 'unavailable'; detail: string }

export type MediaResult = { ok: true; bytes: Buffer; mediaType: ImageType } | { ok: false; rejected: MediaRejection }

/** Downloads a member's file from the provider it came through (channels/media/fetch.ts). */
export type FetchMedia = (source: MediaSource) => Promise<MediaResult>
