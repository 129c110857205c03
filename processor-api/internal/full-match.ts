/**
 * Java's `Pattern.matcher(s).matches()`: true when the whole of `text` matches `pattern`
 * (a JavaScript RegExp otherwise matches anywhere). Flags are kept except `g` and `y`.
 */
const anchored = new WeakMap<RegExp, RegExp>()

export function fullMatch(pattern: RegExp, text: string): boolean {
  let re = anchored.get(pattern)
  if (!re) {
    re = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''))
    anchored.set(pattern, re)
  }
  return re.test(text)
}
