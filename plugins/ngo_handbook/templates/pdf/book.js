// Runs in Chromium on a language's home page: replaces the page with the whole handbook
// (cover, contents, every chapter in navigation order) ready to print. Returns each
// chapter's title, text and the position of its heading among the printed headings (one
// PDF bookmark each), and the text of every printed heading, in order.
async ({ chapters, cover, strings, siteUrl, style }) => {
  const origin = location.origin;
  const paths = chapters.map((url) => new URL(url, origin).pathname);
  const book = document.createElement("div");
  book.className = "hb-book md-typeset";
  const found = [];
  const stylesheets = new Set();
  // Fetched all at once, put together in navigation order.
  const texts = await Promise.all(chapters.map((url) => fetch(url).then((response) => response.text())));
  for (const [index, url] of chapters.entries()) {
    const source = new DOMParser().parseFromString(texts[index], "text/html");
    source.querySelectorAll('link[rel="stylesheet"]').forEach((link) => {
      stylesheets.add(new URL(link.getAttribute("href"), url).href);
    });
    const article = source.querySelector("article.md-content__inner");
    if (!article) continue;
    article
      .querySelectorAll(".md-content__button, .headerlink, .hb-pdf-actions, .hb-print-header, .md-source-file, .hb-form-actions, .hb-form-note, script")
      .forEach((element) => element.remove());
    const prefix = `c${index}-`;
    article.querySelectorAll("[id]").forEach((element) => { element.id = prefix + element.id; });
    article.querySelectorAll("[for]").forEach((element) => { element.htmlFor = prefix + element.htmlFor; });
    article.querySelectorAll("[src]").forEach((element) => {
      element.setAttribute("src", new URL(element.getAttribute("src"), url).href);
    });
    article.querySelectorAll("a[href]").forEach((link) => {
      const target = new URL(link.getAttribute("href"), url);
      if (target.origin !== origin) return;
      const chapter = paths.indexOf(target.pathname);
      if (chapter >= 0) {
        link.setAttribute("href", target.hash ? `#c${chapter}-${target.hash.slice(1)}` : `#chapter-${chapter}`);
      } else {
        link.setAttribute("href", siteUrl + target.pathname.replace(/^\//, "") + target.hash);
      }
    });
    const section = document.createElement("section");
    section.className = "hb-book-chapter";
    section.id = `chapter-${index}`;
    section.append(...Array.from(article.childNodes).map((node) => document.importNode(node, true)));
    const heading = section.querySelector("h1");
    found.push({ index, title: heading ? heading.textContent.trim() : "", section });
  }

  const coverPage = document.createElement("section");
  coverPage.className = "hb-book-cover";
  if (cover.logo) {
    const logo = document.createElement("img");
    logo.src = cover.logo;
    logo.alt = "";
    logo.className = "hb-book-cover__logo";
    coverPage.append(logo);
  }
  for (const [tag, text, name] of [["p", cover.organisation, "organisation"], ["p", cover.title, "title"], ["p", cover.tagline, "tagline"], ["p", cover.date, "date"]]) {
    if (!text) continue;
    const element = document.createElement(tag);
    element.className = `hb-book-cover__${name}`;
    element.textContent = text;
    coverPage.append(element);
  }

  const contents = document.createElement("nav");
  contents.className = "hb-book-toc";
  const contentsTitle = document.createElement("h2");
  contentsTitle.textContent = strings.contents;
  const list = document.createElement("ol");
  for (const chapter of found) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `#chapter-${chapter.index}`;
    link.textContent = chapter.title;
    const page = document.createElement("span");
    page.className = "hb-book-toc__page";
    page.dataset.chapter = String(chapter.index);
    item.append(link, page);
    list.append(item);
  }
  contents.append(contentsTitle, list);

  // A page loads the stylesheets of the features it shows only (a checklist, a form):
  // the book takes each chapter's. The page runs no script, so a <link>'s load event would
  // never come: each is fetched and put in as a <style>, its url()s made absolute.
  const present = new Set(Array.from(document.querySelectorAll('link[rel="stylesheet"]'), (link) => link.href));
  const missing = Array.from(stylesheets).filter((href) => !present.has(href));
  const sheets = await Promise.all(missing.map((href) => fetch(href)
    .then((response) => response.text())
    .then((text) => text.replace(/url\((['"]?)([^'")]+)\1\)/g, (match, quote, target) =>
      /^(data:|[a-z]+:|#)/i.test(target) ? match : `url(${quote}${new URL(target, href).href}${quote})`))));
  for (const text of sheets) {
    const sheet = document.createElement("style");
    sheet.textContent = text;
    document.head.append(sheet);
  }

  const css = document.createElement("style");
  css.textContent = style;
  book.append(coverPage, contents, ...found.map((chapter) => chapter.section));
  document.head.append(css);
  document.body.replaceChildren(book);
  await document.fonts.ready;
  // The page runs no script of its own, so no event handler would fire: wait through promises.
  await Promise.all(Array.from(document.images).map((image) => image.decode().catch(() => null)));
  const printed = Array.from(book.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .filter((heading) => heading.getClientRects().length > 0);
  return {
    chapters: found.map((chapter) => ({
      index: chapter.index,
      title: chapter.title,
      text: chapter.section.innerText,
      heading: printed.indexOf(chapter.section.querySelector("h1")),
    })),
    headings: printed.map((heading) => heading.textContent.replace(/\s+/g, " ").trim()),
  };
}
