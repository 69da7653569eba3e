/**
 * @file @cloudflare/workers-types 4.20260426 declares TextDecoderConstructorOptions with BOTH fields required,
 * unlike the WHATWG spec (and the DOM/Node types shared/ is written against). Re-declare them optional.
 */
interface TextDecoderConstructorOptions {
  fatal?: boolean
  ignoreBOM?: boolean
}
