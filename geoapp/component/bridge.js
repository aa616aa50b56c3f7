/*
 * The bridge between Streamlit and the live map (a custom component without a build step).
 * Streamlit names the page (a static file named by its content, fetched here once; or, where the server
 * could not write it, the page itself), the first moment, the period and the visible layers; the map
 * sends back the moment a person settles on (on release or pause), its view, and on a kiosk the
 * requests to switch language or reset. The server
 * never moves the map's moment after the first drawing: the map, its caption, clock and story are
 * drawn here, in one frame.
 */
(function () {
  "use strict";
  var version = null, height = 0, seq = 0;
  var fill = false;  // the map fills the window below what is above it
  // the map's view (west, south, east, north), reported so that a snapshot shows what the screen shows
  var viewTimer = null, lastView = null;

  function currentView(c) {
    var b = c.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return Math.round(v * 1000) / 1000; });
  }

  function reportView() {
    var c = window.CMCAtlas.current;
    if (!c || c.kiosk) { return; }  // an exhibit has no snapshot button: no reruns for its pans
    var v = currentView(c);
    if (lastView && lastView.join() === v.join()) { return; }
    lastView = v;
    seq += 1;
    post("streamlit:setComponentValue", {value: {bbox: v, seq: seq}, dataType: "json"});
  }

  function scheduleView() {
    if (viewTimer) { clearTimeout(viewTimer); }
    viewTimer = setTimeout(reportView, 400);
  }

  function post(type, extra) {
    var msg = Object.assign({isStreamlitMessage: true, type: type}, extra || {});
    window.parent.postMessage(msg, "*");
  }

  function setHeight(h) {
    if (h !== height) { height = h; post("streamlit:setFrameHeight", {height: h}); }
  }

  /**
   * (Re)build the map from a page. A rebuilt map (another language or range figure) keeps the moment,
   * the view and the playback of the one it replaces, and commits nothing while it is built.
   */
  function build(doc) {
    var keep = null;
    var old = window.CMCAtlas.current;
    if (old) {
      keep = {center: old.map.getCenter(), zoom: old.map.getZoom(), t: old.t, playing: old.playing && !old.attract,
              attract: !!old.attract};
      old.destroy();
      window.CMCAtlas.current = null;
    }
    document.getElementById("atlas-style").innerHTML = doc.head;
    document.getElementById("atlas-host").innerHTML = doc.body;
    var s = document.createElement("script");
    s.text = doc.script;
    document.body.appendChild(s);
    var c = window.CMCAtlas.current;
    version = doc.version;
    if (!c) { return null; }
    // the page round the frame says the map's language (screen readers, the right CJK glyphs); Streamlit
    // cannot set it itself
    try {
      var top = window.parent.document;
      top.documentElement.setAttribute("lang", c.lang);
      // and Streamlit's own skip link, which it writes in English only
      var skip = top.querySelector('[data-testid="stSkipToContent"]');
      if (skip && c.data.labels.skip_to_content) { skip.textContent = c.data.labels.skip_to_content; }
    } catch (e) { /* another origin */ }
    if (keep) { c.map.setView(keep.center, keep.zoom, {animate: false}); c.resumeAttract = keep.attract; }
    c.onReset = function () {
      seq += 1;
      post("streamlit:setComponentValue", {value: {reset: true, seq: seq}, dataType: "json"});
    };
    c.onLang = function () {
      seq += 1;
      post("streamlit:setComponentValue", {value: {toggle_lang: true, t: window.CMCAtlas.iso(c.t), seq: seq},
                                            dataType: "json"});
    };
    // the map's own view switch (what was there, what Washington knew, the difference): the host builds
    // the page of that view, and the rebuilt map keeps the moment, the view of the map and the playback
    c.viewSwitch(function (view) {
      seq += 1;
      post("streamlit:setComponentValue", {value: {view: view, t: window.CMCAtlas.iso(c.t), seq: seq},
                                            dataType: "json"});
    });
    c.onCommit = function (iso) {
      seq += 1;
      var value = {t: iso, seq: seq};
      if (!c.kiosk) { value.bbox = lastView = currentView(c); }
      post("streamlit:setComponentValue", {value: value, dataType: "json"});
    };
    c.map.on("moveend", scheduleView);
    setTimeout(reportView, 800);
    return keep;
  }

  // the page: fetched from its file (named by its content) when the server names another one; the latest
  // arguments are applied once it has come
  var lastArgs = null, loading = null, failures = 0;

  function fetchPage(doc) {
    loading = doc.version;
    fetch(doc.src, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (parts) {
      if (loading !== doc.version) { return; }  // another page was asked for meanwhile
      loading = null;
      failures = 0;
      parts.version = doc.version;
      var first = !window.CMCAtlas.current;
      apply(lastArgs, build(parts), first);
    }).catch(function () {
      if (loading !== doc.version) { return; }
      failures += 1;
      if (failures === 3 && lastArgs && lastArgs.messages) { showProblem(lastArgs.messages.load_failed); }
      setTimeout(function () { if (loading === doc.version) { fetchPage(doc); } }, Math.min(8000, 500 * failures));
    });
  }

  function showProblem(text) {
    if (window.CMCAtlas.current || !text) { return; }
    var p = document.createElement("p");
    p.className = "cmc-load-problem";
    p.setAttribute("role", "alert");
    p.textContent = text;
    document.getElementById("atlas-host").replaceChildren(p);
  }

  /** The server's arguments on a map that is drawn: its period, layers, kiosk; its moment only the first time. */
  function apply(args, keep, first) {
    var c = window.CMCAtlas.current;
    if (!c || !args) { return; }
    if (args.period) { c.setPeriod(args.period[0], args.period[1], args.story_bounds); }
    if (args.layers) { c.setLayers(args.layers); }
    // the moment: the server's only on the first drawing (the URL's, or the last one committed);
    // afterwards the map owns it, and a rebuilt map keeps the one it had
    if (keep) { c.setTime(keep.t, false); if (keep.playing) { c.play(); } }
    else if (first && args.t) { c.setTime(window.CMCAtlas.parseIso(args.t), false); }
    if (args.kiosk) { c.setKiosk(args.kiosk); }
    if (first || keep) { c.settled(); }
  }

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "streamlit:render") { return; }
    var args = lastArgs = data.args || {};
    fill = !!args.fill;
    setHeight(fill ? fillHeight() : (args.height || 700));
    var doc = args.doc;
    if (doc && doc.version !== version) {
      if (doc.src) {  // drawn when it has come
        if (loading !== doc.version) { fetchPage(doc); }
        return;
      }
      loading = null;
      var first = !window.CMCAtlas.current;
      apply(args, build(doc), first);  // a page sent inline (a server that could not write its file)
      return;
    }
    if (loading) { return; }  // the page asked for is still coming: the arguments wait for it
    apply(args, null, false);
  });

  function fillHeight() {
    var frame = window.frameElement, top = frame ? frame.getBoundingClientRect().top : 80;
    return Math.max(260, Math.round(window.parent.innerHeight - top - 4));
  }
  window.parent.addEventListener("resize", function () { if (fill) { setHeight(fillHeight()); } });

  post("streamlit:componentReady", {apiVersion: 1});
})();
