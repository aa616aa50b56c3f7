/*
 * The panel beside the map (a sheet over its bottom on a small screen): the key-moment menu, the
 * crisis clock in four places with the quarantine's state, the story of the moment, and a text
 * description of the map. Drawn in the same frame as the map from the timed scene (core.js says what
 * to tell at a moment; Python chose it), so the map, the caption, the clock and the story always show
 * one moment, each carrying it in `data-time`. Adds its methods to CMCAtlas.Controller (map.js).
 */
(function () {
  "use strict";
  var core = window.CMCCore, Controller = window.CMCAtlas.Controller;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /** Build the panel once (every text from the data, set as text: nothing from data is parsed as markup). */
  Controller.prototype._panel = function () {
    var self = this, data = this.data, lab = data.labels;
    var host = this.container.parentElement;
    var panel = el("aside", {id: "cmc-panel", "class": "cmc-panel", "aria-label": lab.story_sheet});
    var head = el("div", {"class": "cmc-sheet-head"});
    var toggle = el("button", {type: "button", "class": "cmc-sheet-toggle", "aria-expanded": "false",
      "aria-controls": "cmc-panel-body"});
    toggle.appendChild(el("span", {"class": "cmc-sheet-q"}));
    toggle.appendChild(el("span", {"class": "cmc-sheet-label"}, lab.story_sheet));
    head.appendChild(toggle);
    panel.appendChild(head);
    var body = el("div", {id: "cmc-panel-body", "class": "cmc-panel-body"});
    // the view shown (what was there, what Washington knew, the difference): its name, and the switch once the
    // host can build another view (viewSwitch: an exported page shows one view)
    this._views = el("div", {"class": "cmc-views", role: "group", "aria-label": lab.view});
    var current = (data.views || []).filter(function (v) { return v[0] === data.view; })[0];
    if (current && data.view !== "actual") { this._views.appendChild(el("p", {"class": "cmc-viewname"}, current[1])); }
    body.appendChild(this._views);
    var jump = el("select", {"class": "cmc-jump", "aria-label": lab.jump_to});
    jump.appendChild(el("option", {value: ""}, lab.jump_to));
    data.keys.forEach(function (k, i) {
      var ev = data.events[data.key_events[i]];
      jump.appendChild(el("option", {value: String(k)}, ev.when + " · " + ev.title));
    });
    jump.addEventListener("change", function () {
      if (jump.value) {
        self.pause(); self.setTime(+jump.value, true);
        if (self.focusKey) { self.focusKey(+jump.value); }
      }
      jump.value = "";
    });
    body.appendChild(jump);
    var clockBox = el("section", {id: "cmc-clockpanel", "class": "cmc-clockpanel", "aria-label": lab.clock});
    clockBox.appendChild(el("h2", {}, lab.clock));
    var table = el("table", {"class": "cmc-clock-table"});
    var tbody = el("tbody");
    this._clockCells = data.zones.map(function (z) {
      var tr = el("tr"), v = el("td", {"class": "v"});
      v.appendChild(document.createTextNode(""));
      v.appendChild(el("span", {"class": "hm"}));
      tr.appendChild(el("th", {scope: "row"}, z[0]));
      tr.appendChild(v);
      tbody.appendChild(tr);
      return v;
    });
    table.appendChild(tbody);
    clockBox.appendChild(table);
    this._quarantine = el("p", {"class": "cmc-quarantine"});
    clockBox.appendChild(this._quarantine);
    body.appendChild(clockBox);
    this._clockBox = clockBox;
    // the US estimate against reality, its cursor following the time bar (the known and difference views)
    if (data.estimates && window.CMCChart) {
      var box = el("div", {"class": "cmc-chartbox"});
      body.appendChild(box);
      this.chart = new window.CMCChart.Chart(box, data.estimates, {t0: this.start, t1: this.end, ts: this.t});
    }
    this._story = el("section", {id: "cmc-story", "class": "cmc-story", "aria-label": lab.narrative});
    body.appendChild(this._story);
    // what Moscow knew (the difference view), told from each of its readings on
    if (data.moscow && data.moscow.length) {
      this._moscow = el("section", {id: "cmc-moscow", "class": "cmc-moscow", "aria-label": lab.moscow_knew});
      body.appendChild(this._moscow);
      this._moscowKey = null;
    }
    var describe = el("details", {id: "cmc-describe", "class": "cmc-describe"});
    describe.appendChild(el("summary", {}, lab.describe_map));
    this._describeList = el("div", {"class": "cmc-describe-list"});
    describe.appendChild(this._describeList);
    describe.addEventListener("toggle", function () { if (describe.open) { self._describe(); } });
    this._describeBox = describe;
    body.appendChild(describe);
    panel.appendChild(body);
    toggle.addEventListener("click", function () {
      var open = panel.classList.toggle("open");
      toggle.setAttribute("aria-expanded", String(open));
    });
    host.appendChild(panel);
    this.panel = panel;
    this._sheetQ = toggle.querySelector(".cmc-sheet-q");
    this._storyKey = null;
  };

  /** One event (or story entry) as an article: when, title and text, all as text; in the difference view an
   * event Washington did not know of says so. */
  function told(e, lab) {
    var a = el("article", {"class": "cmc-event" + (e.unknown ? " cmc-event-unknown" : "")});
    var h = el("h3");
    h.appendChild(el("span", {"class": "when"}, e.when));
    h.appendChild(el("span", {"class": "title"}, e.title));
    a.appendChild(h);
    a.appendChild(el("p", {}, e.text));
    if (e.unknown) {
      var u = el("p", {"class": "cmc-unknown-note"});
      u.appendChild(el("strong", {}, lab.unknown_badge));
      u.appendChild(document.createTextNode(" " + e.unknown));
      a.appendChild(u);
    }
    return a;
  }

  /** The three views as buttons (the one shown pressed); a press asks the host for that view (`onView`). */
  Controller.prototype.viewSwitch = function (onView) {
    var self = this, data = this.data, box = this._views;
    if (!box || !data.views || this._viewButtons) { return; }
    this.onView = onView;
    box.textContent = "";
    this._viewButtons = data.views.map(function (v) {
      var b = el("button", {type: "button", "class": "cmc-btn cmc-view", "data-view": v[0],
        "aria-pressed": String(v[0] === data.view)}, v[1]);
      b.addEventListener("click", function () {
        if (v[0] !== data.view && self.onView) { self.onView(v[0]); }
      });
      box.appendChild(b);
      return b;
    });
    box.setAttribute("title", data.labels.view_help);
  };

  /**
   * The works behind what the panel tells, each once, folded under one "Sources" at its foot: the story reads
   * as a story (each event's own sources are in its marker's popup).
   */
  function sources(entries, lab) {
    var seen = {}, works = [];
    entries.forEach(function (e) {
      (e.cite || []).forEach(function (w) { if (!seen[w]) { seen[w] = true; works.push(w); } });
    });
    if (!works.length) { return null; }
    var d = el("details", {"class": "src"});
    d.appendChild(el("summary", {}, lab.sources));
    var ul = el("ul");
    works.forEach(function (w) { ul.appendChild(el("li", {}, w)); });
    d.appendChild(ul);
    return d;
  }

  /** Draw the panels for the moment `this.t` (called by draw, in the same frame as the map). */
  Controller.prototype._drawPanels = function () {
    var ts = this.t, data = this.data, lab = data.labels, when = core.iso(ts);
    if (!this.panel) { return; }
    var rows = core.clockAt(data, ts);
    // a narrow panel breaks a row between the date and the time, never inside the time or before its zone
    for (var i = 0; i < rows.length; i++) {
      var m = /^(.*) (\d\d:\d\d \S+)$/.exec(rows[i][1]) || [null, rows[i][1], ""];
      this._clockCells[i].firstChild.textContent = m[1] + (m[2] ? " " : "");
      this._clockCells[i].lastChild.textContent = m[2];
    }
    var q = data.quarantine_text[core.quarantineAt(data, ts)];
    if (this._quarantine.textContent !== q) { this._quarantine.textContent = q; this._sheetQ.textContent = q; }
    this._clockBox.setAttribute("data-time", when);
    var st = core.storyAt(data, ts, this.storyBounds);
    var key = st.step + "|" + st.part + "|" + this.storyMax;
    if (key !== this._storyKey) {
      this._storyKey = key;
      var box = this._story, self = this, shown = [];
      box.textContent = "";
      var tell = function (e) { box.appendChild(told(e, lab)); shown.push(e); };
      var part = function (name) {
        var entries = data.story.filter(function (s) { return s.part === name; });
        if (!entries.length) { return; }
        box.appendChild(el("h2", {}, lab["story_" + name]));
        entries.forEach(tell);
      };
      if (st.part === "prologue") { part("prologue"); }
      box.appendChild(el("h2", {}, lab.narrative));
      if (st.latest && st.events.length) { box.appendChild(el("p", {"class": "cmc-latest"}, lab.latest)); }
      if (!st.events.length) { box.appendChild(el("p", {}, lab.no_events)); }
      st.events.slice(0, self.storyMax || 6).forEach(function (k) { tell(data.events[k]); });
      if (st.part === "epilogue") { part("epilogue"); }
      var src = sources(shown, lab);
      if (src) { box.appendChild(src); }
    }
    this._story.setAttribute("data-time", when);
    if (this.chart) { this.chart.setTime(ts); }
    if (this._moscow) { this._drawMoscow(ts, when); }
  };

  /** What Moscow knew at `ts`: the last of its readings begun by then (rewritten only when that changes). */
  Controller.prototype._drawMoscow = function (ts, when) {
    var data = this.data, i = core.moscowAt(data, ts), box = this._moscow;
    if (i !== this._moscowKey) {
      this._moscowKey = i;
      box.textContent = "";
      box.hidden = i < 0;  // nothing yet: the section waits for Moscow's first reading
      if (i >= 0) {
        box.appendChild(el("h2", {}, data.labels.moscow_knew));
        box.appendChild(told(data.moscow[i], data.labels));
        var src = sources([data.moscow[i]], data.labels);
        if (src) { box.appendChild(src); }
      }
    }
    box.setAttribute("data-time", when);
  };

  /** Write what the map shows now into the description (when it is open: it is long). */
  Controller.prototype._describe = function () {
    var box = this._describeList, data = this.data, titles = data.layer_titles || {};
    if (!box || !this._describeBox.open) { return; }
    box.textContent = "";
    var parts = core.describeFrame(data, this.lastFrame || {fixed: [], movers: []});
    if (!parts.length) { box.appendChild(el("p", {}, data.labels.nothing_shown)); }
    parts.forEach(function (p) {
      box.appendChild(el("h3", {}, (titles[p.layer] || p.layer) + " (" + p.names.length + ")"));
      var ul = el("ul");
      p.names.forEach(function (n) { ul.appendChild(el("li", {}, n)); });
      box.appendChild(ul);
    });
    this._describeBox.setAttribute("data-time", core.iso(this.t));
  };

  /** Take the frame on screen as what a screen reader knows, without telling it (a page just opened). */
  Controller.prototype.settled = function () { this._announced = this.lastFrame; };

  /**
   * Tell a screen reader the moment settled on and what changed on the map since the last time it was
   * told (called on release, pause, a step or a jump; never every frame of a playback).
   */
  Controller.prototype.announce = function () {
    var data = this.data, lab = data.labels, frame = this.lastFrame;
    if (!this.live || !frame) { return; }
    var ev = core.captionAt(data, this.t);
    var ch = core.frameChanges(data, this._announced, frame);
    var words = [core.formatMoment(this.t, this.lang)];
    if (ev) { words.push(ev.title); }
    if (this._announced) {
      if (ch.appeared.length) { words.push(lab.appeared + ": " + ch.appeared.slice(0, 8).join(", ")); }
      if (ch.gone.length) { words.push(lab.gone + ": " + ch.gone.slice(0, 8).join(", ")); }
    }
    this._announced = frame;
    this.live.textContent = words.join(". ");
    this._describe();
  };
})();
