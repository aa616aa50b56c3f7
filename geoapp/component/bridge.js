/*
 * The bridge between Streamlit and the live map (a custom component without a build step).
 * Streamlit names the page (a static file named by its content, fetched here once; or, where the server
 * could not write it, the page itself), the first moment, the period and the visible layers. The map is drawn
 * in a sandboxed frame (map.html, frame.js, static/atlas/host.js) that cannot reach this page or Streamlit's:
 * this bridge hands it the page and the arguments, and hands Streamlit what the map sends back (the moment a
 * person settles on, on release or pause; its view; on a kiosk the requests to switch language or reset), and
 * {ready: true} once the map is drawn, whenever the server says the page is not complete yet: it draws the
 * rest of the page only then.
 * The server never moves the map's moment after the first drawing: the map, its caption, clock and story
 * are drawn in the frame, in one frame.
 */
(function () {
  "use strict";
  var frame = document.getElementById("cmc-map");
  var version = null, height = 0, seq = 0;
  var fill = false;  // the map fills the window below what is above it
  var ready = false, lastArgs = null, loading = null, failures = 0, pending = null, drawn = false;

  function post(type, extra) {
    var msg = Object.assign({isStreamlitMessage: true, type: type}, extra || {});
    window.parent.postMessage(msg, "*");
  }

  /** A value for Streamlit, numbered (the server takes each number once). */
  function report(value) {
    seq += 1;
    post("streamlit:setComponentValue", {value: Object.assign({}, value, {seq: seq}), dataType: "json"});
  }

  /** The map is drawn (or could not be loaded): told to a server that has not drawn the rest of the page yet
   * (``complete: false``; a new session's first run, also after a reconnection to another server), which waits
   * because the browser's code for those widgets would otherwise be loaded before the map's frame opens. */
  function announce() {
    drawn = true;
    if (lastArgs && lastArgs.complete === false) { report({ready: true}); }
  }

  function setHeight(h) {
    if (h !== height) { height = h; post("streamlit:setFrameHeight", {height: h}); }
  }

  /** To the map's frame (its origin is opaque: "*" is the only target that reaches it). */
  function tell(message) {
    frame.contentWindow.postMessage(message, "*");
  }

  /** A page for the frame (its JSON text, or the page itself), with the latest arguments; kept until the frame
   * is ready. */
  function sendPage(parts, v) {
    version = v;
    if (ready) { tell({cmc: "page", parts: parts, args: lastArgs}); } else { pending = parts; }
  }

  // the page: fetched from its file (named by its content) when the server names another one; the latest
  // arguments go with it once it has come
  function fetchPage(doc) {
    loading = doc.version;
    fetch(doc.src, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      // as text: the map's frame reads it (its own process, idle meanwhile), and a string crosses to it far
      // faster than the objects read from it would (this page's thread is busy drawing Streamlit's)
      return r.text();
    }).then(function (parts) {
      if (loading !== doc.version) { return; }  // another page was asked for meanwhile
      loading = null;
      failures = 0;
      sendPage(parts, doc.version);
    }).catch(function () {
      if (loading !== doc.version) { return; }
      failures += 1;
      if (failures === 3 && version === null && lastArgs && lastArgs.messages) { showProblem(lastArgs.messages.load_failed); }
      setTimeout(function () { if (loading === doc.version) { fetchPage(doc); } }, Math.min(8000, 500 * failures));
    });
  }

  function showProblem(text) {
    if (!text || document.querySelector(".cmc-load-problem")) { return; }
    var p = document.createElement("p");
    p.className = "cmc-load-problem";
    p.setAttribute("role", "alert");
    p.style.cssText = "margin:2rem auto;max-width:36rem;padding:1rem 1.2rem;font:1rem/1.5 system-ui,sans-serif;" +
                      "border-left:4px solid currentColor";
    p.textContent = text;
    frame.style.display = "none";
    document.body.insertBefore(p, frame);
    announce();
  }

  /** What the map's frame sends: values for Streamlit, and word that a map was built. */
  window.addEventListener("message", function (event) {
    if (event.source === frame.contentWindow) {
      var m = event.data || {};
      if (m.cmc === "ready") {
        ready = true;
        if (pending) { tell({cmc: "page", parts: pending, args: lastArgs}); pending = null; }
        return;
      }
      if (m.cmc !== "value" || !m.value) { return; }
      var value = m.value;
      if (value.built) { return built(value.built); }
      if (value.drawn) { return announce(); }
      report(value);
      return;
    }
    var data = event.data || {};
    if (data.type !== "streamlit:render") { return; }
    var args = lastArgs = data.args || {};
    if (drawn && args.complete === false) { report({ready: true}); }  // a new session, this map already drawn
    fill = !!args.fill;
    setHeight(fill ? fillHeight() : (args.height || 700));
    var doc = args.doc;
    if (doc && doc.version !== version) {
      if (doc.src) {  // drawn when it has come
        if (loading !== doc.version) { fetchPage(doc); }
        return;
      }
      loading = null;
      sendPage(doc, doc.version);  // a page sent inline (a server that could not write its file)
      return;
    }
    if (loading || !ready) { return; }  // the page asked for is still coming: the arguments go with it
    tell({cmc: "args", args: args});
  });

  /** A map was built: the page round the frame says its language (screen readers, the right CJK glyphs), which
   * Streamlit cannot set itself, and Streamlit's own skip link, which it writes in English only. */
  function built(b) {
    var problem = document.querySelector(".cmc-load-problem");
    if (problem) { problem.remove(); frame.style.display = ""; }
    document.documentElement.setAttribute("lang", b.lang);
    if (b.label) { frame.setAttribute("title", b.label); document.title = b.label; }
    try {
      var top = window.parent.document;
      top.documentElement.setAttribute("lang", b.lang);
      var skip = top.querySelector('[data-testid="stSkipToContent"]');
      if (skip && b.skip) { skip.textContent = b.skip; }
    } catch (e) { /* another origin */ }
  }

  function fillHeight() {
    var f = window.frameElement, top = f ? f.getBoundingClientRect().top : 80;
    return Math.max(260, Math.round(window.parent.innerHeight - top - 4));
  }
  window.parent.addEventListener("resize", function () { if (fill) { setHeight(fillHeight()); } });

  post("streamlit:componentReady", {apiVersion: 1});
})();
