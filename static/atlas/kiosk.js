/*
 * Kiosk: with nobody touching, an attract loop plays the crisis through its key moments and loops.
 * Any touch (or key) hands control to the visitor; after `idle` seconds without one a countdown of
 * `countdown` seconds shows, then the kiosk returns to its start (the host resets language and
 * layers through onReset) and the attract loop resumes. Adds its methods to CMCAtlas.Controller.
 */
(function () {
  "use strict";
  var core = window.CMCCore, Controller = window.CMCAtlas.Controller;

  Controller.prototype.setKiosk = function (cfg) {
    if (this.kiosk || !cfg) { return; }
    var self = this;
    this.kiosk = cfg;
    this.homeView = cfg.home || {center: this.map.getCenter(), zoom: this.map.getZoom()};
    this.storyMax = cfg.story_max || this.storyMax;
    this._storyKey = null;
    this._kioskChrome(cfg);
    var wake = function () {
      window.__cmcLastTouch = Date.now();
      self._hideCountdown();
      if (self.attract) { self.attract = false; self.pause(); }
      self._invite(false);
    };
    this._wake = wake;
    ["pointerdown", "keydown", "wheel", "touchstart"].forEach(function (ev) {
      document.addEventListener(ev, wake, true);
    });
    this._idleTimer = setInterval(function () { self._idleTick(); }, 250);
    var last = window.__cmcLastTouch || 0;
    if (Date.now() - last > cfg.idle * 1000) { this.startAttract(this.resumeAttract); } else { this.draw(); }
  };

  /**
   * The kiosk's own chrome, inside the map's page so that every touch on the screen reaches it: a title
   * row with a one-touch language switch, and an invitation to touch (in both languages) while the
   * attract loop plays.
   */
  Controller.prototype._kioskChrome = function (cfg) {
    var self = this, host = this.container.parentElement, lab = this.data.labels;
    document.body.classList.add("kiosk");
    var top = document.createElement("header");
    top.id = "cmc-top";
    var h = document.createElement("h1");
    h.textContent = lab.app_title;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cmc-btn cmc-lang";
    b.setAttribute("lang", this.lang === "ja" ? "en" : "ja");
    b.textContent = lab.switch_lang;
    b.addEventListener("click", function () { if (self.onLang) { self.onLang(); } });
    top.appendChild(h); top.appendChild(b);
    host.insertBefore(top, host.firstChild);
    var inv = document.createElement("div");
    inv.id = "cmc-invite";
    inv.setAttribute("aria-hidden", "true");
    (cfg.invite || []).forEach(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      inv.appendChild(p);
    });
    host.appendChild(inv);
    this.map.invalidateSize({animate: false});
  };

  Controller.prototype._invite = function (on) {
    var inv = document.getElementById("cmc-invite");
    if (inv) { inv.style.display = on ? "" : "none"; }
  };

  /** Play the crisis through its key moments in a loop, from the kiosk's start (or on from the moment
   * shown, `resume`, when the map was rebuilt while the loop played). */
  Controller.prototype.startAttract = function (resume) {
    var cfg = this.kiosk;
    this.attract = true;
    this.loop = true;
    this.speed = cfg.speed;
    this.opts.holdMs = cfg.hold * 1000;
    var sel = this.root && this.root.querySelector(".cmc-speed");
    if (sel) { sel.value = String(cfg.speed); }
    this.map.closePopup();
    if (!resume) {
      this.map.setView(this.homeView.center, this.homeView.zoom, {animate: false});
      this.setTime(core.parseIso(cfg.start), false);
    }
    var tour = window.__cmcTour;
    if (tour && tour.phase === "gap" && this.data.view === cfg.tour.view) {
      this._hold();  // the sequence on what Washington did not know: hold on the moment, the chart beside it
      tour.until = Date.now() + cfg.tour.seconds * 1000;  // counted from when it shows, not from when it was asked
      this._tourBanner(true);
    } else {
      this.play();
    }
    this.container.setAttribute("data-mode", "attract");
    this._invite(true);
  };

  /**
   * Once a loop the attract loop shows what Washington did not know: on reaching `tour.at` it asks the host for
   * the difference view (the map is rebuilt, so the sequence's state lives on the window), holds there
   * `tour.seconds` with a title over the map, then asks for what was there and plays on. Called every 250 ms.
   */
  Controller.prototype._tourTick = function () {
    var cfg = this.kiosk, tour = cfg && cfg.tour;
    if (!tour || !tour.seconds || !this.attract || !this.onView) { return; }
    var at = core.parseIso(tour.at), state = window.__cmcTour || (window.__cmcTour = {done: false, phase: null});
    if (state.phase === "gap") {
      if (this.data.view === tour.view && Date.now() >= state.until) {
        state.phase = null;
        this.onView("actual");
      }
      return;
    }
    if (this.t < at) { state.done = false; return; }  // the loop began again: the sequence comes round once more
    if (!state.done && this.data.view === "actual" && this.t - at < 2 * 86400) {
      state.done = true;
      state.phase = "gap";
      state.until = Infinity;  // until the difference view is drawn (startAttract counts its seconds from then)
      this._hold();
      this.setTime(at, false);
      this.onView(tour.view);
    }
  };

  /**
   * Stop the playback but stay in the attract loop (a pause by a visitor would end it), and tell the host nothing:
   * the view asked for next carries the moment, and a later report would replace it before the host heard it.
   */
  Controller.prototype._hold = function () {
    this.pause();
    clearTimeout(this._commitTimer);
    this.attract = true;
  };

  Controller.prototype._tourBanner = function (on) {
    var el = document.getElementById("cmc-tour");
    if (!el && on) {
      el = document.createElement("div");
      el.id = "cmc-tour";
      el.setAttribute("role", "status");
      el.textContent = this.kiosk.tour.title;
      this.container.appendChild(el);
    }
    if (el) { el.style.display = on ? "" : "none"; }
  };

  Controller.prototype._idleTick = function () {
    if (this.attract) { this._tourTick(); return; }
    this._tourBanner(false);
    this.container.setAttribute("data-mode", "visitor");
    var idle = (Date.now() - (window.__cmcLastTouch || 0)) / 1000, cfg = this.kiosk;
    if (idle < cfg.idle) { this._hideCountdown(); return; }
    var left = Math.ceil(cfg.idle + cfg.countdown - idle);
    if (left > 0) { this._showCountdown(left); return; }
    this._hideCountdown();
    window.__cmcTour = null;  // back to the start: the sequence comes round again in the next loop
    if (this.onReset) { this.onReset(); }
    this.startAttract();
  };

  Controller.prototype._showCountdown = function (n) {
    var el = document.getElementById("cmc-countdown");
    if (!el) {
      el = document.createElement("div");
      el.id = "cmc-countdown";
      el.setAttribute("role", "status");
      this.container.appendChild(el);
    }
    el.textContent = this.data.labels.idle_countdown.replace("{n}", String(n));
    el.style.display = "block";
  };

  Controller.prototype._hideCountdown = function () {
    var el = document.getElementById("cmc-countdown");
    if (el) { el.style.display = "none"; }
  };

  /** Stop listening for touches and counting idle time (the map is being replaced). */
  Controller.prototype._stopKiosk = function () {
    clearInterval(this._idleTimer);
    if (this._wake) {
      var wake = this._wake;
      ["pointerdown", "keydown", "wheel", "touchstart"].forEach(function (ev) {
        document.removeEventListener(ev, wake, true);
      });
    }
  };
})();
