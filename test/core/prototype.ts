/** The keys of Object.prototype as a user might type them: as they are, in capitals, padded, without
 * their underscores, spaced out letter by letter, in full-width letters. */
export function prototypeSpellings(): string[] {
  const out: string[] = [];
  for (const name of Object.getOwnPropertyNames(Object.prototype)) {
    out.push(name, name.toUpperCase(), ` ${name} `, name.replace(/^_+|_+$/g, ""), name.split("").join(" "), name.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  }
  return out;
}
