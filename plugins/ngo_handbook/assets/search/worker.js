/*
 * The handbook's search worker. The build writes one file: `spelling.js`, this file, then
 * Material's own worker (`importScripts`, by its hashed name) and `handbookSearch.install`
 * with the lunr that Material's worker brings. This file comes before Material's worker so
 * that its message listener runs first: it reads the language's spelling rules from the
 * index's config before Material builds the index.
 *
 * 1. Index: every word is kept as written, with its stem (the language's stemmer) and the
 *    folded forms of both (`spelling.folded`), so gönüllü is found as gonullu, қауіпсіздік
 *    as кауипсиздик, احاطة as احاطه. Which page words each form stands for is remembered.
 * 2. Query: Material sends every word with a trailing wildcard (volunt*), and lunr skips
 *    its pipeline for such words. Here each word is looked up, with its wildcard, as typed
 *    and stemmed (кітапханасы → кітапхана*), folded, transliterated when it is written in
 *    another alphabet (qauipsizdik → қауіпсіз*), and, from five letters on, one typing
 *    mistake away (lunr's ~1); the forms are weighted in that order, so the word as typed
 *    ranks first.
 * 3. Results: Material highlights the query words on the page a result opens (`?h=`) and
 *    lists the words a result misses. Both are rewritten to the page's own words: the part
 *    of each page word that the query matched (gonullu → gönüllü), so the highlighting
 *    marks what matched however the word was typed.
 */
;(function (root, spellingOf) {
  "use strict"

  // Material's worker messages: setup (with the index) and result.
  const SETUP = 0
  const RESULT = 3

  // Weights of the forms a query word is looked up in, and the length from which a word
  // may hold one typing mistake.
  const AS_TYPED = 10
  const TRANSLITERATED = 6
  const FOLDED = 4
  const ONE_MISTAKE = 1
  const MISTAKE_FROM_LENGTH = 5

  // A worker holds one index: its language's rules, its query pipeline, the index, and,
  // per document, the words as written (`pageWords`, by ref) and, for every other form
  // indexed, those it comes from (keyed `ref + SEPARATOR + term`); `firstSource` gives any
  // page's word for a form.
  let rules = spellingOf({})
  let queryPipeline = null
  let index = null
  let lunr = null
  let currentRef = ""
  let currentWords = new Set()
  const SEPARATOR = "\u0000"
  const pageWords = new Map()
  const NO_WORDS = new Set()
  const sources = new Map()
  const firstSource = new Map()
  // The queries run while answering the current message: the search, then suggestions.
  let searches = []

  // Whether the index is of a language written right to left (the build says so).
  let rightToLeft = false

  root.addEventListener("message", event => {
    searches = []
    const message = event.data || {}
    if (message.type === SETUP) {
      rules = spellingOf(message.data.config.spelling)
      rightToLeft = message.data.config.direction === "rtl"
    }
  })

  const send = root.postMessage.bind(root)
  root.postMessage = (message, ...options) => {
    if (message && message.type === RESULT) {
      if (searches.length) rewriteResult(message.data)
      if (rightToLeft) markLeftToRight(message.data)
    }
    return send(message, ...options)
  }

  // Whether some word in the index begins with `prefix`.
  const inIndex = prefix =>
    index !== null &&
    index.tokenSet.intersect(lunr.TokenSet.fromString(prefix + "*")).toArray().length > 0

  const letters = word => Array.from(word)

  // --- Index ----------------------------------------------------------------------------

  let indexStemmer = null
  // The forms of each word, worked out once for the whole index (a word comes back on
  // page after page, and stemming it is the slowest step).
  const formsOf = new Map()

  function correctToken(token) {
    return token.update(word => rules.correct(word))
  }

  function indexForms(token, i, tokens) {
    const word = token.toString()
    let unique = formsOf.get(word)
    if (unique === undefined) {
      const forms = [word]
      if (indexStemmer) {
        const stemmed = indexStemmer(token.clone(), i, tokens)
        if (stemmed && stemmed.toString()) forms.push(stemmed.toString())
      }
      for (const form of [...forms]) forms.push(rules.folded(form))
      unique = [...new Set(forms)].filter((form, n) => n === 0 || form)
      formsOf.set(word, unique)
    }
    // Which page word each form stands for, noted once per section.
    if (!currentWords.has(word)) {
      currentWords.add(word)
      for (const form of unique.slice(1)) {
        const key = currentRef + SEPARATOR + form
        if (!sources.has(key)) sources.set(key, new Set())
        sources.get(key).add(word)
        if (!firstSource.has(form)) firstSource.set(form, word)
      }
    }
    return unique.map((form, n) => (n === 0 ? token : token.clone(() => form)))
  }

  function register(fn, label) {
    if (!(label in lunr.Pipeline.registeredFunctions)) lunr.Pipeline.registerFunction(fn, label)
  }

  const findStemmer = pipeline =>
    pipeline._stack.find(fn => (fn.label || "").startsWith("stemmer"))

  // Material sets the pipelines up (language plugin, then its `pipeline` setting) before
  // it adds the first document: that is the moment to adapt them.
  function adaptPipelines(builder) {
    const { pipeline } = builder
    indexStemmer = findStemmer(pipeline) || null
    if (indexStemmer) {
      pipeline.after(indexStemmer, indexForms)
      pipeline.remove(indexStemmer)
    } else {
      pipeline.add(indexForms)
    }
    pipeline.before(pipeline._stack[0], correctToken)
    queryPipeline = builder.searchPipeline
    pageWords.clear()
    sources.clear()
    firstSource.clear()
    formsOf.clear()
  }

  // --- Query ----------------------------------------------------------------------------

  // The stem to look up for a query word. When the stemmer changed the word's last letter
  // rather than cutting it (safety → safeti, кітабы → кітап), the part both share is used
  // instead: it still finds the stem, and it is the beginning of the page's word.
  function queryStem(word) {
    const stems = queryPipeline ? queryPipeline.runString(word) : [word]
    const stem = stems.find(inIndex) || stems[stems.length - 1]
    if (!stem) return word
    let shared = 0
    while (shared < stem.length && stem[shared] === word[shared]) shared++
    return shared >= stem.length - 1 && shared >= 4 ? stem.slice(0, shared) : stem
  }

  // The forms a query word is looked up in, each with its weight; `mistake` forms match
  // words one edit away, the others every word they begin.
  function queryForms(word) {
    const forms = []
    const add = (term, boost, mistake = false) => {
      if (term && !forms.some(form => form.term === term && form.mistake === mistake))
        forms.push({ term, boost, mistake })
    }
    const corrected = rules.correct(word)
    const stem = queryStem(corrected)
    add(stem, AS_TYPED)
    add(rules.folded(corrected), FOLDED)
    add(rules.folded(stem), FOLDED)
    const other = rules.transliterated(word)
    if (other !== null) {
      const otherStem = queryStem(rules.correct(other))
      add(otherStem, TRANSLITERATED)
      add(rules.folded(other), FOLDED)
      add(rules.folded(otherStem), FOLDED)
    }
    if (letters(corrected).length >= MISTAKE_FROM_LENGTH) {
      add(rules.folded(corrected), ONE_MISTAKE, true)
      if (other !== null) add(rules.folded(other), ONE_MISTAKE, true)
    }
    return forms
  }

  // The word of a clause as Material sends it (with a trailing wildcard and nothing else
  // special), or null for a clause to leave as it is.
  function typedWord(clause) {
    const word = clause.term.replace(/\*$/, "")
    const plain =
      clause.term.endsWith("*") &&
      word &&
      !word.includes("*") &&
      !(clause.wildcard & lunr.Query.wildcard.LEADING) &&
      !("editDistance" in clause)
    return plain ? word : null
  }

  // Replace each typed word's clause by one clause per form. A required word (Material's
  // suggestions require every word) keeps one form: the first the index has.
  function expandClauses(query) {
    const words = []
    const { REQUIRED, OPTIONAL } = lunr.Query.presence
    const clauseOf = (clause, { term, boost, mistake }) => ({
      ...clause,
      term: mistake ? term : `${term}*`,
      boost: (clause.boost || 1) * boost,
      usePipeline: false,
      wildcard: mistake ? lunr.Query.wildcard.NONE : lunr.Query.wildcard.TRAILING,
      ...(mistake ? { editDistance: 1 } : {}),
    })
    query.clauses = query.clauses.flatMap(clause => {
      const word = typedWord(clause)
      if (word === null) return [clause]
      let forms = queryForms(word)
      if (clause.presence === REQUIRED)
        forms = [forms.find(form => !form.mistake && inIndex(form.term)) || forms[0]]
      else if (clause.presence !== OPTIONAL) forms = forms.filter(form => !form.mistake)
      words.push({ word, forms, presence: clause.presence })
      return forms.map(form => clauseOf(clause, form))
    })
    return words
  }

  // A word as written and its other forms match at the same place; Material would mark
  // that word twice and break the highlighting, so each position is kept once.
  function keepEachPositionOnce(results) {
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
  }

  // Material ranks a result higher when its matched words begin with the query words, and
  // so would rank a result found through a folded form lower than the same result found
  // as typed. A query word that matched through any of its forms is added to the result's
  // matched words (with no position), so that every spelling ranks the pages alike.
  function markTypedWords(results, words) {
    for (const { matchData } of results) {
      const { metadata } = matchData
      const matched = Object.keys(metadata)
      for (const { word, forms, presence } of words)
        if (
          presence !== lunr.Query.presence.REQUIRED &&
          !(word in metadata) &&
          matched.some(term => forms.some(form => formMatches(form, term)))
        )
          metadata[word] = {}
    }
  }

  // --- Results: the page's own words ----------------------------------------------------

  function withinOneEdit(a, b) {
    const [x, y] = [letters(a), letters(b)]
    if (Math.abs(x.length - y.length) > 1) return false
    let i = 0
    while (i < x.length && i < y.length && x[i] === y[i]) i++
    const same = (p, q) => x.slice(p).join("") === y.slice(q).join("")
    return (
      same(i + 1, i + 1) ||
      same(i + 1, i) ||
      same(i, i + 1) ||
      (x[i] === y[i + 1] && x[i + 1] === y[i] && same(i + 2, i + 2))
    )
  }

  const formMatches = (form, term) =>
    form.mistake ? withinOneEdit(form.term, term) : term.startsWith(form.term)

  // The beginning of `word` that the query form `prefix` matched, compared folded
  // (gönüllüler, gonullu → gönüllü); the whole word when they share less than two letters.
  function matchedPart(word, prefix) {
    const [a, b] = [letters(rules.folded(word)), letters(rules.folded(prefix))]
    let shared = 0
    while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++
    if (shared < 2) return word
    const written = letters(word)
    for (let end = 1; end <= written.length; end++) {
      const part = written.slice(0, end).join("")
      if (letters(rules.folded(part)).length >= shared) return part
    }
    return word
  }

  function pageWordsOf(ref, term, form) {
    const words = [...(sources.get(ref + SEPARATOR + term) || [])]
    if ((pageWords.get(ref) || NO_WORDS).has(term) || !words.length) words.push(term)
    return words.map(word => (form.mistake ? word : matchedPart(word, form.term)))
  }

  // Material's `terms` of the result `ref`: each word the page matched (true), each query
  // word it does not hold (false).
  function resultTerms(ref, words, matched) {
    const terms = {}
    for (const { word, forms } of words) {
      const shown = new Set()
      for (const term of matched)
        for (const form of forms)
          if (formMatches(form, term))
            for (const part of pageWordsOf(ref, term, form)) shown.add(part)
      // A word that begins with another one shown adds nothing to the highlighting.
      const parts = [...shown].filter(
        part => ![...shown].some(other => other !== part && part.startsWith(other))
      )
      if (parts.length) for (const part of parts) terms[part] = true
      else terms[word] = false
    }
    return terms
  }

  function rewriteResult(data) {
    const [search, suggestions] = searches
    for (const group of data.items || [])
      for (const item of group)
        if (search.matched.has(item.location))
          item.terms = resultTerms(item.location, search.words, search.matched.get(item.location))
    if (suggestions && Array.isArray(data.suggest))
      data.suggest = data.suggest.map(term => firstSource.get(term) || term)
  }

  // A result of a right-to-left language without a right-to-left letter is a page or a
  // text still in another language (English, say, not yet translated): it is shown left to
  // right, its full stop on the right, as on its page.
  const RIGHT_TO_LEFT_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/
  const LETTER = /\p{L}/u
  const textOf = html => html.replace(/<[^>]*>/g, "").replace(/&[#\w]+;/g, " ")

  function leftToRight(html) {
    const text = textOf(html)
    return LETTER.test(text) && !RIGHT_TO_LEFT_LETTER.test(text)
  }

  function markLeftToRight(data) {
    for (const group of data.items || [])
      for (const item of group) {
        if (typeof item.title === "string" && leftToRight(item.title))
          item.title = `<span dir="ltr">${item.title}</span>`
        if (typeof item.text === "string" && leftToRight(item.text))
          item.text = `<div dir="ltr">${item.text}</div>`
      }
  }

  // --- Installing into Material's lunr --------------------------------------------------

  function install(material) {
    lunr = material
    register(correctToken, "handbook-correct")
    register(indexForms, "handbook-index-forms")

    const addDocument = lunr.Builder.prototype.add
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!this.handbookPipelinesReady) {
        this.handbookPipelinesReady = true
        adaptPipelines(this)
      }
      currentRef = String(doc[this._ref])
      currentWords = new Set()
      pageWords.set(currentRef, currentWords)
      return addDocument.call(this, doc, attributes)
    }

    const build = lunr.Builder.prototype.build
    lunr.Builder.prototype.build = function () {
      index = build.call(this)
      return index
    }

    const runQuery = lunr.Index.prototype.query
    lunr.Index.prototype.query = function (fn) {
      let words = []
      const results = runQuery.call(this, function (query) {
        fn.call(query, query)
        words = expandClauses(query)
      })
      keepEachPositionOnce(results)
      const matched = new Map(results.map(r => [r.ref, Object.keys(r.matchData.metadata)]))
      searches.push({ words, matched })
      markTypedWords(results, words)
      return results
    }
  }

  root.handbookSearch = { install, withinOneEdit }
})(self, self.handbookSpelling.spelling)
