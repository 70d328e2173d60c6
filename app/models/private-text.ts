/**
 * A reporter may keep their exact address private yet also write it into the title or text;
 * public copies (Open311, exports) show it as ＊＊＊. Same rule as the public report pages.
 */
export function hidePrivateAddress(
  text: string,
  address: string | null,
  isPublic: boolean,
): string {
  const trimmed = address?.trim()
  if (isPublic || !trimmed || trimmed.length < 2) return text
  return text.split(trimmed).join('＊＊＊')
}
