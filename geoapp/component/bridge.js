/*
 * The bridge between Streamlit and the live map (a custom component without a build step).
 * Streamlit sends the page (head/body/script, rebuilt only when its version changes), the moment,
 * the period and the visible layers; the map sends back the moment a person settles on.
 */
(function () {
  "use strict";
  var version = null, lastArgsT = null, height = 0, seq = 0;
  var fill = false;  // a kiosk's map fills the window below the title row
  // moments this map sent itself: when Streamlit echoes one back (possibly late, after the visitor has
  // moved on), it is not a request to move the map
  var sent = [];
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
    post("streamlit:setComponentValue", {value: {view: v, seq: seq}, dataType: "json"});
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

  function build(doc) {
    var view = null;
    var old = window.CMCAtlas.current;
    if (old) {
      view = {center: old.map.getCenter(), zoom: old.map.getZoom()};
      old.destroy();
      window.CMCAtlas.current = null;
    }
    document.getElementById("atlas-style").innerHTML = doc.head;
    document.getElementById("atlas-host").innerHTML = doc.body;
    var s = document.createElement("script");
    s.text = doc.script;
    document.body.appendChild(s);
    var c = window.CMCAtlas.current;
    if (view && c) { c.map.setView(view.center, view.zoom, {animate: false}); }
    if (c) {
      c.onReset = function () {
        seq += 1;
        if (c.kiosk) { sent.push(c.kiosk.start); }  // the map goes back to the start by itself
        post("streamlit:setComponentValue", {value: {reset: true, seq: seq}, dataType: "json"});
      };
      c.onCommit = function (iso) {
        seq += 1;
        sent.push(iso);
        if (sent.length > 50) { sent.shift(); }
        var value = {t: iso, seq: seq};
        if (!c.kiosk) { value.view = lastView = currentView(c); }
        post("streamlit:setComponentValue", {value: value, dataType: "json"});
      };
      c.map.on("moveend", scheduleView);
      setTimeout(reportView, 800);
    }
    version = doc.version;
    lastArgsT = null;
  }

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "streamlit:render") { return; }
    var args = data.args || {};
    fill = !!args.fill;
    setHeight(fill ? fillHeight() : (args.height || 700));
    if (args.doc && args.doc.version !== version) { build(args.doc); }
    var c = window.CMCAtlas.current;
    if (!c) { return; }
    if (args.kiosk) { document.body.classList.add("kiosk"); c.setKiosk(args.kiosk); }
    if (args.period) { c.setPeriod(args.period[0], args.period[1]); }
    if (args.layers) { c.setLayers(args.layers); }
    if (args.t !== undefined && args.t !== lastArgsT) {
      lastArgsT = args.t;
      if (sent.indexOf(args.t) >= 0 || c.attract) { return; }  // an echo, or the attract loop is playing
      var ts = window.CMCAtlas.parseIso(args.t);
      if (Math.abs(ts - c.t) >= 60) { c.pause(); c.setTime(ts, false); }
    }
  });

  function fillHeight() {
    var frame = window.frameElement, top = frame ? frame.getBoundingClientRect().top : 80;
    return Math.max(420, Math.round(window.parent.innerHeight - top - 8));
  }
  window.parent.addEventListener("resize", function () { if (fill) { setHeight(fillHeight()); } });

  post("streamlit:componentReady", {apiVersion: 1});
})();
