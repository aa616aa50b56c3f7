/*
 * The map's host: builds the live map from a page (head, body and script), keeps what a rebuilt map keeps,
 * applies its owner's arguments (period, layers, kiosk; the moment only on a first drawing) and tells the owner
 * what the visitor did through one function, `send(value)`:
 *   {t, bbox}            a moment settled on (on release or pause) and the map's view on screen;
 *   {bbox}               the map's view after a pan or zoom (not on a kiosk: it has no snapshots);
 *   {view, t}            the map's own view switch (what was there, what Washington knew, the difference);
 *   {toggle_lang, t}     a kiosk's language button;  {reset: true}  a kiosk's idle reset;
 *   {built: {lang, label, skip}}  a map was built (its language, its name and the skip link's words);
 *   {drawn: true}        then its basemap is drawn too (or could not be loaded): the map is on the screen.
 * Every report but `built` and `drawn` also carries `shown`: the view of the map drawn (see
 * session.absorb_map_moment).
 * Its owners: the Streamlit app's sandboxed map frame (frame.js) and the static site (site.js).
 */
(function (A) {
  "use strict";

  function currentView(c) {
    var b = c.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return Math.round(v * 1000) / 1000; });
  }

  /** A host drawing into #atlas-style and #atlas-host of this document. */
  function Host(send) {
    this.send = function (value) {
      var c = A.current;
      if (c && !value.built && !value.drawn) { value.shown = c.data.view || "actual"; }
      send(value);
    };
    this.lastView = null;
    this.viewTimer = null;
  }

  Host.prototype.reportView = function () {
    var c = A.current;
    if (!c || c.kiosk) { return; }  // an exhibit has no snapshot button: no reruns for its pans
    var v = currentView(c);
    if (this.lastView && this.lastView.join() === v.join()) { return; }
    this.lastView = v;
    this.send({bbox: v});
  };

  /**
   * (Re)build the map from a page. A rebuilt map (another language, range figure or view) keeps the moment,
   * the view and the playback of the one it replaces, and commits nothing while it is built. Returns what it
   * kept (null for a first map).
   */
  Host.prototype.build = function (parts) {
    var self = this, keep = null, old = A.current;
    if (old) {
      keep = {center: old.map.getCenter(), zoom: old.map.getZoom(), t: old.t, playing: old.playing && !old.attract,
              attract: !!old.attract};
      old.destroy();
      A.current = null;
    }
    document.getElementById("atlas-style").innerHTML = parts.head;
    document.getElementById("atlas-host").innerHTML = parts.body;
    var s = document.createElement("script");
    s.text = parts.script;
    document.body.appendChild(s);
    var c = A.current;
    if (!c) { return null; }
    document.documentElement.setAttribute("lang", c.lang);
    if (keep) { c.map.setView(keep.center, keep.zoom, {animate: false}); c.resumeAttract = keep.attract; }
    c.onReset = function () { self.send({reset: true}); };
    c.onLang = function () { self.send({toggle_lang: true, t: A.iso(c.t)}); };
    c.viewSwitch(function (view) { self.send({view: view, t: A.iso(c.t)}); });
    c.onCommit = function (iso) {
      var value = {t: iso};
      if (!c.kiosk) { value.bbox = self.lastView = currentView(c); }
      self.send(value);
    };
    c.map.on("moveend", function () {
      if (self.viewTimer) { clearTimeout(self.viewTimer); }
      self.viewTimer = setTimeout(function () { self.reportView(); }, 400);
    });
    setTimeout(function () { self.reportView(); }, 800);
    this.send({built: {lang: c.lang, label: c.data.labels.map_label, skip: c.data.labels.skip_to_content}});
    // drawn once the basemap is (a page without one is drawn now)
    var box = c.map.getContainer(), basemap = box.getAttribute("data-basemap");
    var drawn = function () { if (A.current === c) { self.send({drawn: true}); } };
    if (basemap === "loading") { box.addEventListener("cmc-basemap", drawn, {once: true}); } else { drawn(); }
    return keep;
  };

  /** The owner's arguments on a map that is drawn: its period, layers, kiosk; its moment only the first time. */
  Host.prototype.apply = function (args, keep, first) {
    var c = A.current;
    if (!c || !args) { return; }
    if (args.period) { c.setPeriod(args.period[0], args.period[1], args.story_bounds); }
    if (args.layers) { c.setLayers(args.layers); }
    // the moment: the owner's only on the first drawing (the address's, or the last one committed);
    // afterwards the map owns it, and a rebuilt map keeps the one it had
    if (keep) { c.setTime(keep.t, false); if (keep.playing) { c.play(); } }
    else if (first && args.t) { c.setTime(A.parseIso(args.t), false); }
    if (args.kiosk) { c.setKiosk(args.kiosk); }
    if (first || keep) { c.settled(); }
  };

  /** Build from a page, then apply the arguments that go with it. */
  Host.prototype.show = function (parts, args) {
    var first = !A.current;
    if (window.performance && performance.mark) { performance.mark("cmc-build-start"); }
    this.apply(args, this.build(parts), first);
    if (window.performance && performance.mark) { performance.mark("cmc-build-end"); }  // read by bench/scrub.py
  };

  A.Host = Host;
})(window.CMCAtlas);
