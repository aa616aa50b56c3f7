/*
 * The static site's owner of the map (python -m geoapp publish): no Streamlit, no server code. It reads the
 * address's fragment (fragment.js), fetches the page of the language, view and range figure asked for (a file
 * named in the manifest, site.json, inline in index.html), has CMCAtlas.Host (static/atlas/host.js) build it,
 * and writes what the visitor does back into the fragment (history.replaceState: no reload), so that the
 * address is always a permalink. A pasted permalink (hashchange) moves the map there. The header's language,
 * period, layers and range figure act on the map the same way; its texts come from the manifest.
 */
(function () {
  "use strict";
  var A = window.CMCAtlas, F = window.CMCSiteFragment;
  var M = JSON.parse(document.getElementById("site-manifest").textContent);
  var state = null;       // {t, lang, layers, fig, view} as shown (t: epoch seconds)
  var period = null;      // the time bar's period, a name of M.periods
  var shownPage = null;   // the page file the map was built from
  var wanted = null;      // the page file being fetched
  var failures = 0;
  var written = null;     // the fragment last written here (a hashchange to it is ours)
  var pages = {};         // fetched pages by file: a switch back is instant

  // The page's basemap script fetches from the app's static path unless told another: here, the site's own copy.
  window.CMC_ASSET_BASE = M.asset_base;

  var $ = function (id) { return document.getElementById(id); };
  var texts = function () { return M.texts[state.lang]; };

  // -- notes (a bad address value, a page that cannot be loaded) ------------------------------------------
  function note(lines, kind) {
    if (!lines.length) { return; }
    $("site-note-text").textContent = lines.join(" ");
    $("site-note").dataset.kind = kind || "address";
    $("site-note").hidden = false;
  }
  $("site-note-close").addEventListener("click", function () { $("site-note").hidden = true; });

  // -- the address --------------------------------------------------------------------------------------
  function writeHash() {
    written = F.write(state, M);
    if (location.hash.replace(/^#/, "") !== written) { history.replaceState(null, "", "#" + written); }
  }

  function args(withPeriod) {
    var p = M.periods[period];
    var a = {layers: state.layers, kiosk: null, t: F.iso(state.t)};
    if (withPeriod !== false) { a.period = p.range; a.story_bounds = p.story_bounds; }
    return a;
  }

  /** Move the drawn map to the state's moment (a pasted permalink): the map owns its moment after its first
   * drawing, so it is told directly, without a commit. */
  function moveMap() {
    var c = A.current;
    if (!c || c.t === state.t) { return; }
    if (c.pause) { c.pause(); }
    c.setTime(state.t, false);
    if (c.settled) { c.settled(); }
  }

  // -- the page -----------------------------------------------------------------------------------------
  function loadPage(move) {
    var file = F.pageFor(state, M);
    if (file === shownPage && !wanted) { host.apply(args(), null, false); if (move) { moveMap(); } return; }
    wanted = file;
    var got = pages[file] || fetch(file, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
    pages[file] = got;
    got.then(function (parts) {
      if (wanted !== file) { return; }  // another page was asked for meanwhile
      wanted = null; failures = 0;
      shownPage = file;
      host.show(parts, args());
      if (move) { moveMap(); }
      if ($("site-note").dataset.kind === "load") { $("site-note").hidden = true; }
    }).catch(function () {
      delete pages[file];
      if (wanted !== file) { return; }
      failures += 1;
      if (failures === 3) { note([texts().load_failed], "load"); }
      setTimeout(function () { if (wanted === file) { wanted = null; loadPage(move); } }, Math.min(8000, 500 * failures));
    });
  }

  /** What the map tells: a moment settled on, a view chosen on its own switch, a map built. */
  var host = new A.Host(function (value) {
    if (value.built) { relabel(); return; }
    if (value.view && M.views.indexOf(value.view) >= 0) {
      if (value.t) { state.t = A.parseIso(value.t); }
      state.view = value.view;
      showControls();
      loadPage(false);
      writeHash();
      return;
    }
    if (value.t) { state.t = A.parseIso(value.t); writeHash(); }
  });

  // -- the header ---------------------------------------------------------------------------------------
  /** The header's words in the state's language, and its controls showing the state. */
  function relabel() {
    var tx = texts();
    document.documentElement.setAttribute("lang", state.lang);
    document.title = tx.title;
    document.querySelectorAll("[data-text]").forEach(function (el) {
      var k = el.getAttribute("data-text");
      if (tx[k] !== undefined) { el.textContent = tx[k]; }
    });
    document.querySelectorAll("[data-aria]").forEach(function (el) { el.setAttribute("aria-label", tx[el.getAttribute("data-aria")]); });
    document.querySelectorAll("a[data-label]").forEach(function (el) {
      el.textContent = M.downloads[+el.getAttribute("data-label")].label[state.lang];
    });
    $("site-copy").textContent = tx.copy_link;
    showControls();
  }

  function showControls() {
    document.querySelectorAll("[data-lang]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === state.lang));
    });
    $("site-period").value = period;
    document.querySelectorAll("input[name=layer]").forEach(function (box) { box.checked = state.layers.indexOf(box.value) >= 0; });
    var own = M.view_figure && M.view_figure[state.view], shown = F.shownFigure(state, M);
    document.querySelectorAll("input[name=fig]").forEach(function (r) { r.checked = r.value === shown; r.disabled = !!own; });
    document.querySelector("#site-figures .site-hint").hidden = !own;
  }

  document.querySelectorAll("[data-lang]").forEach(function (b) {
    b.addEventListener("click", function () {
      var lang = b.getAttribute("data-lang");
      if (lang === state.lang) { return; }
      state.lang = lang;
      relabel();
      loadPage(false);
      writeHash();
    });
  });
  $("site-period").addEventListener("change", function () {
    if (!M.periods[this.value]) { return; }
    period = this.value;
    state.t = F.clampTo(state.t, period, M);
    host.apply(args(), null, false);
    writeHash();
  });
  document.querySelectorAll("input[name=layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      var on = {};
      document.querySelectorAll("input[name=layer]").forEach(function (b) { on[b.value] = b.checked; });
      state.layers = M.layers.filter(function (l) { return on[l]; });
      host.apply({layers: state.layers}, null, false);
      writeHash();
    });
  });
  document.querySelectorAll("input[name=fig]").forEach(function (r) {
    r.addEventListener("change", function () {
      if (!r.checked || M.figures.indexOf(r.value) < 0) { return; }
      state.fig = r.value;
      loadPage(false);
      writeHash();
    });
  });

  // the copy of this moment's address: the clipboard where the browser lends it, else a selected copy
  $("site-copy").addEventListener("click", function () {
    var url = location.href, said = $("site-copied");
    var done = function () { said.textContent = texts().link_copied; };
    var fallback = function () {
      var area = document.createElement("textarea");
      area.value = url; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      said.textContent = ok ? texts().link_copied : texts().link_not_copied;
    };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(url).then(done, fallback); }
    else { fallback(); }
  });

  // the header folds into one menu on a narrow screen
  $("site-toggle").addEventListener("click", function () {
    var open = this.getAttribute("aria-expanded") !== "true";
    this.setAttribute("aria-expanded", String(open));
    $("site-header").classList.toggle("open", open);
  });
  // one menu open at a time; a click on the map closes them
  document.querySelectorAll(".site-menu").forEach(function (d) {
    d.addEventListener("toggle", function () {
      if (!d.open) { return; }
      document.querySelectorAll(".site-menu").forEach(function (o) { if (o !== d) { o.open = false; } });
    });
  });
  $("site-main").addEventListener("pointerdown", function () {
    document.querySelectorAll(".site-menu[open]").forEach(function (d) { d.open = false; });
    $("site-header").classList.remove("open");
    $("site-toggle").setAttribute("aria-expanded", "false");
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var open = document.querySelector(".site-menu[open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
  $("site-skip").addEventListener("click", function () {
    var map = document.querySelector("#atlas-host .leaflet-container");
    if (map) { if (!map.hasAttribute("tabindex")) { map.setAttribute("tabindex", "0"); } map.focus(); }
  });

  // -- a pasted permalink -------------------------------------------------------------------------------
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") === written) { return; }
    var asked = F.parse(location.hash, M, state);
    var langChanged = asked.state.lang !== state.lang;
    state = asked.state;
    period = F.periodFor(state.t, M);
    if (langChanged) { relabel(); } else { showControls(); }
    note(asked.notes);
    loadPage(true);
    writeHash();
  });

  // -- the first drawing --------------------------------------------------------------------------------
  var first = F.parse(location.hash, M, F.defaults(M));
  state = first.state;
  period = F.periodFor(state.t, M);
  relabel();
  note(first.notes);
  loadPage(false);
  writeHash();
})();
