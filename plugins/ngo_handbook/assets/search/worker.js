/*
 * The handbook's search worker: Material's own worker, loaded by the line above (written
 * at build time, as the file name carries Material's version hash), plus what stemming
 * needs to work with Material's search-as-you-type.
 *
 * 1. Material adds a trailing wildcard to every query word (volunt → volunt*), and lunr
 *    skips the search pipeline for wildcard words, so a query word is never stemmed:
 *    кітапханасы* cannot find кітапхана. Here such a word goes through the language's
 *    search pipeline first and keeps its wildcard: кітапханасы → кітапхана*.
 * 2. The index keeps every word as written next to its stem, so a word typed halfway
 *    (organisat*) still finds "organisation" although its stem is "organis", and
 *    Material's suggestions complete whole words rather than stems.
 * 3. Turkish: İ/I/ı/i are folded to i on both sides, after stemming (the stemmer needs
 *    the real letters for vowel harmony), so "ilke", "İLKE" and "ılke" find the same word
 *    and "kisa" finds "kısa".
 * 4. A word and its stem match at the same place; results mark that place once.
 */
;(function (lunr) {
  "use strict"

  // The index being searched and its search pipeline (a worker holds one index).
  let queryPipeline = null
  let index = null

  // Whether some word in the index begins with `prefix`.
  const inIndex = prefix =>
    index !== null &&
    index.tokenSet.intersect(lunr.TokenSet.fromString(prefix + "*")).toArray().length > 0

  // --- Turkish letters ----------------------------------------------------------------

  // "İ".toLowerCase() is "i" plus a combining dot (U+0307); Turkish reads it as plain i.
  const foldDottedCapital = token => token.update(text => text.replace(/\u0307/g, ""))
  // A word with ı is kept as written and also with i, so "kisa" finds "kısa"; a query
  // typed with ı is then looked up as written when the handbook has it, which keeps the
  // word Material highlights on the opened page ("kıs") the same as in its text.
  const addDotlessIFolded = token =>
    token.toString().includes("ı")
      ? [token, token.clone(text => text.replace(/ı/g, "i"))]
      : token
  lunr.Pipeline.registerFunction(foldDottedCapital, "handbook-fold-dotted-capital-i")
  lunr.Pipeline.registerFunction(addDotlessIFolded, "handbook-add-dotless-i-folded")

  // Steps added around a language's stemmer, keyed by the stemmer's registered label.
  const LANGUAGE_STEPS = {
    "stemmer-tr": { before: [foldDottedCapital], after: [addDotlessIFolded] },
  }

  // --- Index: words as written, and their stems ---------------------------------------

  const keepingSurface = new Map()

  function surfaceAndStem(stemmer) {
    if (!keepingSurface.has(stemmer)) {
      const fn = (token, i, tokens) => {
        const stemmed = stemmer(token.clone(), i, tokens)
        const stem = stemmed ? stemmed.toString() : ""
        return stem && stem !== token.toString() ? [token, stemmed] : token
      }
      lunr.Pipeline.registerFunction(fn, `${stemmer.label}-keeping-surface`)
      keepingSurface.set(stemmer, fn)
    }
    return keepingSurface.get(stemmer)
  }

  function findStemmer(pipeline) {
    return pipeline._stack.find(fn => (fn.label || "").startsWith("stemmer"))
  }

  function addLanguageSteps(pipeline, stemmer) {
    const steps = LANGUAGE_STEPS[stemmer.label]
    if (!steps) return
    for (const fn of steps.before) pipeline.before(pipeline._stack[0], fn)
    for (const fn of [...steps.after].reverse()) pipeline.after(stemmer, fn)
  }

  // Material sets the pipelines up (language plugin, then its `pipeline` setting) before
  // it adds the first document: that is the moment to adapt them.
  const addDocument = lunr.Builder.prototype.add
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.handbookPipelinesReady) {
      this.handbookPipelinesReady = true
      const stemmer = findStemmer(this.pipeline)
      if (stemmer) {
        addLanguageSteps(this.pipeline, stemmer)
        this.pipeline.after(stemmer, surfaceAndStem(stemmer))
        this.pipeline.remove(stemmer)
      }
      const searchStemmer = findStemmer(this.searchPipeline)
      if (searchStemmer) addLanguageSteps(this.searchPipeline, searchStemmer)
      queryPipeline = this.searchPipeline
    }
    return addDocument.call(this, doc, attributes)
  }

  const build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    index = build.call(this)
    return index
  }

  // --- Query: stem words that carry Material's trailing wildcard ----------------------

  const { LEADING, TRAILING } = lunr.Query.wildcard

  // The stem to look up for a query word. When the stemmer changed the word's last letter
  // rather than cutting it (safety → safeti, кітабы → кітап), the part both share is used
  // instead: it still finds the stem and, unlike the stem, it is found in the page's text,
  // where Material highlights the query after a result is opened.
  function queryStem(word) {
    const stems = queryPipeline.runString(word)
    const stem = stems.find(inIndex) || stems[stems.length - 1]
    if (!stem) return word
    let shared = 0
    while (shared < stem.length && stem[shared] === word[shared]) shared++
    return shared >= stem.length - 1 && shared >= 4 ? stem.slice(0, shared) : stem
  }
  const addClause = lunr.Query.prototype.clause
  lunr.Query.prototype.clause = function (clause) {
    const trailing = clause.term.endsWith("*") || clause.wildcard & TRAILING
    const word = clause.term.replace(/\*$/, "")
    const plain =
      word && !word.includes("*") && !(clause.wildcard & LEADING) && !("editDistance" in clause)
    if (queryPipeline && trailing && plain) {
      clause.term = queryStem(word)
      clause.wildcard = (clause.wildcard || 0) | TRAILING
      clause.usePipeline = false
    }
    return addClause.call(this, clause)
  }

  // --- Results: one highlight per word --------------------------------------------------

  // A word as written and its stem both match at the same position; Material would mark
  // that word twice and break the highlighting, so each position is kept once.
  const runQuery = lunr.Index.prototype.query
  lunr.Index.prototype.query = function (fn) {
    const results = runQuery.call(this, fn)
    for (const { matchData } of results) {
      const seen = new Set()
      for (const fields of Object.values(matchData.metadata))
        for (const [field, data] of Object.entries(fields)) {
          if (!Array.isArray(data.position)) continue
          data.position = data.position.filter(position => {
            const key = `${field}:${position}`
            return !seen.has(key) && seen.add(key)
          })
        }
    }
    return results
  }
})(self.lunr)
