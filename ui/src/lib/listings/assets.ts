// Reading a picked file for `add_asset`: the bytes go over IPC as base64.

/** Standard base64 of the bytes (chunked, so large files do not overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The `accept` list of an image slot: the formats KooGallery takes. */
export const IMAGE_ACCEPT = 'image/png,image/jpeg,image/gif,.png,.jpg,.jpeg,.gif';
