/*
 * The time bar under the live map: play and pause, steps of 6 h, key moments, speed, loop, and a
 * slider (role="slider") that follows a finger or the keyboard hour by hour. Adds its methods to
 * CMCAtlas.Controller (map.js); it decides nothing about what is drawn.
 */
(function () {
  "use strict";
  var core = window.CMCCore, Controller = window.CMCAtlas.Controller, HOUR = window.CMCAtlas.HOUR;

  var ICONS = {
    play: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M7 4l13 8-13 8z" fill="currentColor"/></svg>',
    pause: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M6 4h4v16H6zM14 4h4v16h-4z" fill="currentColor"/></svg>',
    back: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M18 4L7 12l11 8z M5 4h2v16H5z" fill="currentColor"/></svg>',
    fwd: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M6 4l11 8-11 8z M17 4h2v16h-2z" fill="currentColor"/></svg>',
    prevKey: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M12 4L3 12l9 8zM21 4l-9 8 9 8z" fill="currentColor"/></svg>',
    nextKey: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M12 4l9 8-9 8zM3 4l9 8-9 8z" fill="currentColor"/></svg>',
    loop: '<svg viewBox="0 0 24 24" width="22" height="22"><path d="M7 7h10v3l4-4-4-4v3H5v6h2zM17 17H7v-3l-4 4 4 4v-3h12v-6h-2z" fill="currentColor"/></svg>'
  };

  /** Show the time bar over [start, end]; `bounds`: until when the prologue and from when the epilogue
   * are told on it (Python computes them with the period). */
  Controller.prototype.setPeriod = function (start, end, bounds) {
    if (bounds) { this.storyBounds = bounds; }
    if (start === this.start && end === this.end && this._ticked) { this.setTime(this.t, false); return; }
    this.start = start; this.end = end;
    if (this.chart) { this.chart.setRange(start, end); }
    this.slider.setAttribute("aria-valuemax", String(Math.round((end - start) / HOUR)));
    this._ticks();
    this.setTime(this.t, false);
  };

  Controller.prototype.step = function (hours) { this.pause(); this.setTime(Math.round((this.t + hours * HOUR) / HOUR) * HOUR, true); };

  Controller.prototype.jumpKey = function (dir) {
    var found = core.nextKey(this.keys, this.t, dir);
    if (found !== null) { this.pause(); this.setTime(found, true); if (this.focusKey) { this.focusKey(found); } }
  };

  Controller.prototype.play = function () {
    if (this.playing) { return; }
    if (this.t >= this.end) { this.t = this.start; }
    this.playing = true; this._last = null;
    this.playBtn.setAttribute("aria-pressed", "true");
    this.playBtn.innerHTML = ICONS.pause;
    this.playBtn.setAttribute("aria-label", this.data.labels.pause);
    var self = this;
    var tick = function (now) {
      if (!self.playing) { return; }
      if (self._last === null) { self._last = now; }
      var dt = Math.min(0.25, (now - self._last) / 1000); self._last = now;
      if (now < self.holdUntil) { self._raf = requestAnimationFrame(tick); return; }
      var stepHours = self.reducedMotion ? 0 : dt * self.speed;
      var next = self.reducedMotion ? self._nextStop() : self.t + stepHours * HOUR;
      var k = self.keys.filter(function (x) { return x > self.t && x <= next; })[0];
      if (k !== undefined) {
        next = k; self.holdUntil = now + (self.opts.holdMs || 1800);
      }
      if (next >= self.end) {
        if (self.loop) { next = self.start; } else { self.setTime(self.end, false); self.pause(); return; }
      }
      self.setTime(next, false);
      if (k !== undefined && next === k) {  // a key moment: told, and shown as a scene
        if (self.announce) { self.announce(); }
        if (self.focusKey) { self.focusKey(k, self.opts.holdMs || 1800); }
      }
      if (self.reducedMotion) { self.holdUntil = now + 2500; }
      self._raf = requestAnimationFrame(tick);
    };
    this._raf = requestAnimationFrame(tick);
  };

  Controller.prototype._nextStop = function () {
    var k = core.nextKey(this.keys, this.t, 1);
    return k === null ? this.end : k;
  };

  Controller.prototype.pause = function () {
    this.attract = false;  // whatever stops the attract loop hands the kiosk to the idle timer
    if (!this.playing) { return; }
    this.playing = false;
    cancelAnimationFrame(this._raf);
    this.playBtn.setAttribute("aria-pressed", "false");
    this.playBtn.innerHTML = ICONS.play;
    this.playBtn.setAttribute("aria-label", this.data.labels.play);
    this.commit();
    this._updateClock();
  };

  Controller.prototype.toggle = function () { if (this.playing) { this.pause(); } else { this.play(); } };


  Controller.prototype._controls = function () {
    var self = this, root = this.root, lab = this.data.labels;
    if (!root) { return; }
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", lab.timebar_label);
    root.innerHTML =
      '<div class="cmc-buttons">' +
      '<button type="button" class="cmc-btn" data-act="prevKey" aria-label="' + lab.prev_key + '" title="' + lab.prev_key + '">' + ICONS.prevKey + "</button>" +
      '<button type="button" class="cmc-btn" data-act="back" aria-label="' + lab.step_back + '" title="' + lab.step_back + '">' + ICONS.back + "</button>" +
      '<button type="button" class="cmc-btn cmc-play" data-act="play" aria-pressed="false" aria-label="' + lab.play + '" title="' + lab.play + '">' + ICONS.play + "</button>" +
      '<button type="button" class="cmc-btn" data-act="fwd" aria-label="' + lab.step_fwd + '" title="' + lab.step_fwd + '">' + ICONS.fwd + "</button>" +
      '<button type="button" class="cmc-btn" data-act="nextKey" aria-label="' + lab.next_key + '" title="' + lab.next_key + '">' + ICONS.nextKey + "</button>" +
      '<select class="cmc-speed" aria-label="' + lab.speed + '" title="' + lab.speed + '">' +
      '<option value="1">' + lab.speed_1h + '</option><option value="6" selected>' + lab.speed_6h + "</option>" +
      '<option value="24">' + lab.speed_1d + '</option><option value="12" hidden>' + lab.speed_12h + "</option></select>" +
      '<button type="button" class="cmc-btn" data-act="loop" aria-pressed="false" aria-label="' + lab.loop + '" title="' + lab.loop + '">' + ICONS.loop + "</button>" +
      "</div>" +
      '<div class="cmc-slider-wrap"><div class="cmc-readout" aria-hidden="true"></div>' +
      '<div class="cmc-slider" role="slider" tabindex="0" aria-label="' + lab.moment + '" aria-valuemin="0">' +
      '<div class="cmc-track"><div class="cmc-fill"></div></div><div class="cmc-ticks"></div><div class="cmc-handle"></div></div>' +
      '<div class="cmc-ticklabels" aria-hidden="true"></div></div>' +
      '<div class="cmc-live" aria-live="polite" role="status"></div>';
    this.slider = root.querySelector(".cmc-slider");
    this.handle = root.querySelector(".cmc-handle");
    this.fill = root.querySelector(".cmc-fill");
    this.readout = root.querySelector(".cmc-readout");
    this.live = root.querySelector(".cmc-live");
    this.playBtn = root.querySelector(".cmc-play");
    this.slider.setAttribute("aria-valuemax", String(Math.round((this.end - this.start) / HOUR)));
    this._ticks();
    root.querySelectorAll("button[data-act]").forEach(function (b) {
      b.addEventListener("click", function () {
        var act = b.getAttribute("data-act");
        if (act === "play") { self.toggle(); }
        else if (act === "back") { self.step(-6); }
        else if (act === "fwd") { self.step(6); }
        else if (act === "prevKey") { self.jumpKey(-1); }
        else if (act === "nextKey") { self.jumpKey(1); }
        else if (act === "loop") { self.loop = !self.loop; b.setAttribute("aria-pressed", String(self.loop)); }
      });
    });
    root.querySelector(".cmc-speed").addEventListener("change", function (e) { self.speed = +e.target.value; });
    var dragging = false;
    var fromX = function (clientX) {
      var r = self.slider.getBoundingClientRect();
      var f = Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
      return Math.round((self.start + f * (self.end - self.start)) / HOUR) * HOUR;
    };
    this.slider.addEventListener("pointerdown", function (e) {
      dragging = true; self.pause(); self.slider.setPointerCapture(e.pointerId); self.slider.focus();
      self.setTime(fromX(e.clientX), false); e.preventDefault();
    });
    this.slider.addEventListener("pointermove", function (e) {
      if (!dragging) { return; }
      var t = fromX(e.clientX);
      if (t !== self.t) { self.setTime(t, false); }
    });
    var end = function () { if (dragging) { dragging = false; self.commit(true); } };
    this.slider.addEventListener("pointerup", end);
    this.slider.addEventListener("pointercancel", end);
    this.slider.addEventListener("keydown", function (e) {
      var big = e.shiftKey ? 24 : 1;
      if (e.key === "ArrowRight" || e.key === "ArrowUp") { self.step(big); }
      else if (e.key === "ArrowLeft" || e.key === "ArrowDown") { self.step(-big); }
      else if (e.key === "PageUp") { self.step(24); }
      else if (e.key === "PageDown") { self.step(-24); }
      else if (e.key === "Home") { self.pause(); self.setTime(self.start, true); }
      else if (e.key === "End") { self.pause(); self.setTime(self.end, true); }
      else if (e.key === " " || e.key === "Spacebar") { self.toggle(); }
      else { return; }
      e.preventDefault();
    });
    window.addEventListener("resize", function () { self._placeTickLabels(); });
    document.addEventListener("keydown", function (e) {
      if (e.target === self.slider || /INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName)) { return; }
      if (e.key === " ") { self.toggle(); e.preventDefault(); }
    });
  };

  /** The key moments' ticks on the slider, and their days under it where they do not overlap. */
  Controller.prototype._ticks = function () {
    var el = this.root.querySelector(".cmc-ticks"), under = this.root.querySelector(".cmc-ticklabels"), self = this;
    var names = this.data.key_labels || [];
    el.innerHTML = ""; under.textContent = "";
    this._ticked = true;
    this.keys.forEach(function (k, i) {
      if (k < self.start || k > self.end) { return; }
      var pos = (100 * (k - self.start) / Math.max(1, self.end - self.start)) + "%";
      var d = document.createElement("span");
      d.className = "cmc-tick";
      d.style.left = pos;
      el.appendChild(d);
      if (names[i]) {
        var n = document.createElement("span");
        n.className = "cmc-ticklabel";
        n.setAttribute("data-at", String((k - self.start) / Math.max(1, self.end - self.start)));
        n.style.left = pos;
        n.style.visibility = "hidden";  // until placed
        n.textContent = names[i];
        under.appendChild(n);
      }
    });
    this._watchTickLabels(under);
    this._placeTickLabels();
  };

  /** Place the labels again whenever the slider or a label changes size: the bar is laid out after it is built
   * (a rebuilt map, the kiosk's larger type, a font that loads late), and a window's resize is not the only cause. */
  Controller.prototype._watchTickLabels = function (under) {
    var self = this;
    if (typeof ResizeObserver === "undefined") { return; }
    if (!this._tickObserver) {
      this._tickObserver = new ResizeObserver(function () { self._placeTickLabels(); });
    }
    this._tickObserver.disconnect();
    this._tickObserver.observe(under);
    under.querySelectorAll(".cmc-ticklabel").forEach(function (n) { self._tickObserver.observe(n); });
  };

  /** Show the tick labels that keep clear of each other, the first and the last always (placement.js chooses:
   * measured, as the room depends on the width), each kept inside the frame. */
  Controller.prototype._placeTickLabels = function () {
    var under = this.root && this.root.querySelector(".cmc-ticklabels");
    if (!under) { return; }
    var labels = Array.prototype.slice.call(under.querySelectorAll(".cmc-ticklabel"));
    var width = under.clientWidth;
    if (!labels.length || width === 0) { return; }  // not laid out yet: the observer calls again
    var items = labels.map(function (n) { return {x: +n.getAttribute("data-at") * width, w: n.offsetWidth}; });
    var left = under.getBoundingClientRect().left, frame = document.documentElement.clientWidth;
    var lefts = window.CMCPlacement.tickLabels(items, 2 - left, frame - left - 2, 8);
    labels.forEach(function (n, i) {
      var at = lefts[i];
      n.style.visibility = at === null ? "hidden" : "";
      n.style.left = (at === null ? items[i].x - items[i].w / 2 : at) + "px";
    });
  };

  Controller.prototype._unwatchTickLabels = function () {
    if (this._tickObserver) { this._tickObserver.disconnect(); this._tickObserver = null; }
  };
})();
