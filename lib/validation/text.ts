// C0 controls except tab/newline/CR, DEL, C1 controls and lone UTF-16 surrogates: PostgreSQL refuses NUL in text
// ("invalid byte sequence for encoding UTF8: 0x00"), and none of them belongs in a title, tag or genre.
const UNSAFE_CHARACTERS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text holds no control characters or lone surrogates. */
export function isPlainText(text: string): boolean {
  return !UNSAFE_CHARACTERS.test(text);
}
