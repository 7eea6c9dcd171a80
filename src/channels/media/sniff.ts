import { IMAGE_TYPES, type ImageType } from '../../domain/inbox/media.js'

export const isImageType = (t: string): t is ImageType => (IMAGE_TYPES as readonly string[]).includes(t)

/** The declared type without parameters, lower case: `image/JPEG; charset=x` → `image/jpeg`. */
export function baseType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x)
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

/**
 * The image type the bytes really are, from their signature, or undefined when they are not one of ours:
 * JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, GIF `GIF87a`/`GIF89a`, WebP `RIFF….WEBP`
 * (the WHATWG MIME Sniffing standard, "matching an image type pattern").
 */
export function sniffImage(bytes: Uint8Array): ImageType | undefined {
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (starts(bytes, ascii('GIF87a')) || starts(bytes, ascii('GIF89a'))) return 'image/gif'
  if (starts(bytes, ascii('RIFF')) && starts(bytes, ascii('WEBP'), 8)) return 'image/webp'
  return undefined
}
