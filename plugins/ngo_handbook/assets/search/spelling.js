/*
 * The spelling rules of the handbook's search (`search/languages/<language>.yml`, and a
 * handbook's `data/search/<language>.yml`), applied exactly as `search/spelling.py` applies
 * them; the tests run both on the same words.
 *
 * - correct: lower case, and the lookalike letters of another alphabet replaced in a word
 *   that has a letter of the language's alphabet (a Latin i typed for the Kazakh і);
 * - folded: the corrected word with the `fold` letters replaced (ü → u, қ → к, ة → ه);
 * - transliterated: a word with no letter of the alphabet, in the language's alphabet
 *   (Kazakh Latin qauipsizdik → қауіпсіздік), or null.
 *
 * Letters are counted as code points, and each table replaces, left to right, the longest
 * key found at each position.
 */
;(function (root) {
  "use strict"

  // "İ".toLowerCase() is "i" and a combining dot (U+0307); the dot goes.
  const lower = word => word.toLowerCase().replace(/i\u0307/g, "i")

  const has = (table, key) => Object.prototype.hasOwnProperty.call(table, key)

  const longestKey = table =>
    Object.keys(table).reduce((longest, key) => Math.max(longest, Array.from(key).length), 0)

  function replace(word, table, longest = longestKey(table)) {
    if (!longest) return word
    if (longest === 1) {
      let result = ""
      for (const letter of word) result += has(table, letter) ? table[letter] : letter
      return result
    }
    const letters = Array.from(word)
    let result = ""
    let position = 0
    while (position < letters.length) {
      let size = Math.min(longest, letters.length - position)
      while (size > 0 && !has(table, letters.slice(position, position + size).join(""))) size--
      if (size > 0) {
        result += table[letters.slice(position, position + size).join("")]
        position += size
      } else {
        result += letters[position]
        position += 1
      }
    }
    return result
  }

  // A function of one word that works each word out once: an index holds the same words
  // again and again.
  function remembered(fn) {
    const known = new Map()
    return word => {
      let result = known.get(word)
      if (result === undefined) {
        result = fn(word)
        known.set(word, result)
      }
      return result
    }
  }

  /** The spelling functions of one language's rules (the index's `config.spelling`). */
  function spelling(rules) {
    const { alphabet = "", fold = {}, lookalikes = {}, transliterate = {} } = rules || {}
    const sizes = {
      fold: longestKey(fold),
      lookalikes: longestKey(lookalikes),
      transliterate: longestKey(transliterate),
    }
    const hasLetterOfAlphabet = word =>
      Array.from(word).some(letter => alphabet.includes(letter))

    const correct = remembered(word => {
      const lowered = lower(word)
      return sizes.lookalikes && hasLetterOfAlphabet(lowered)
        ? replace(lowered, lookalikes, sizes.lookalikes)
        : lowered
    })
    const folded = remembered(word => replace(correct(word), fold, sizes.fold))
    const transliterated = word => {
      const lowered = lower(word)
      if (!sizes.transliterate || hasLetterOfAlphabet(lowered)) return null
      const result = replace(lowered, transliterate, sizes.transliterate)
      return result !== lowered ? result : null
    }
    return { correct, folded, transliterated }
  }

  root.handbookSpelling = { lower, replace, spelling }
})(globalThis)
