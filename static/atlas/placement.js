/*
 * Where names go on the map, without overlap (pure: no DOM, tested under Node in tests/js/placement.test.js).
 * Names are placed greedily in the order given (the order of precedence Python chose): a name centred on its
 * point (a country, a sea) is written there, or a line or two below or above it where markers crowd the point,
 * or under the markers, or not at all when another name holds the place; a name beside a symbol (a city, a ship, a site)
 * tries the right, the left, above and below (its last side first, so that a moving name does not jump), and
 * is left out where every side would cover another name, a marker, or run off the map. The time bar's day labels
 * are chosen the same way (tickLabels).
 */
(function (root) {
  "use strict";

  var GAP = 3;  // px between a symbol and its name

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  /** The boxes a name of size w×h may take beside a point (x, y) with a symbol of radius r, by side. */
  function sides(it) {
    var x = it.x, y = it.y, r = it.r || 0, w = it.w, h = it.h;
    return {
      right: {x: x + r + GAP, y: y - h / 2, w: w, h: h},
      left: {x: x - r - GAP - w, y: y - h / 2, w: w, h: h},
      above: {x: x - w / 2, y: y - r - GAP - h, w: w, h: h},
      below: {x: x - w / 2, y: y + r + GAP, w: w, h: h}
    };
  }
  var ORDER = ["right", "left", "above", "below"];

  /**
   * Place `items` ({x, y, w, h, r?, centre?, side?, skip?}: a point in px, the name's size, the symbol's
   * radius, whether the name is centred on the point, the side it took last time, the index of an obstacle
   * that is its own symbol) inside a view of `width`×`height`, clear of `obstacles` ({x, y, w, h}: the
   * markers; a centred name moves a line or two off its point to keep clear of them, and lies under them only
   * where it cannot).
   * Returns, for each item, null or {x, y, side}: the top left corner of its name.
   */
  function place(items, obstacles, width, height) {
    var taken = [], out = [];
    items.forEach(function (it) {
      var found = null;
      if (it.centre) {
        // on its point if that is clear of markers, else a line below or above it, else on its point under them
        var at = function (k) { return {x: it.x - it.w / 2, y: it.y - it.h / 2 + k * it.h * 1.2, w: it.w, h: it.h}; };
        var shifts = [0, 1, -1, 2, -2];
        for (var s = 0; s < shifts.length && !found; s++) {
          var c = at(shifts[s]);
          if (fits(c, it, true)) { found = {x: c.x, y: c.y, side: "centre"}; }
        }
        if (!found && fits(at(0), it, false)) { found = {x: it.x - it.w / 2, y: it.y - it.h / 2, side: "centre"}; }
      } else {
        var boxes = sides(it), order = it.side && boxes[it.side] ? [it.side].concat(ORDER) : ORDER;
        for (var i = 0; i < order.length && !found; i++) {
          if (fits(boxes[order[i]], it, true)) { found = {x: boxes[order[i]].x, y: boxes[order[i]].y, side: order[i]}; }
        }
      }
      if (found) { taken.push({x: found.x, y: found.y, w: it.w, h: it.h}); }
      out.push(found);
    });
    return out;

    function fits(box, it, clearOfMarkers) {
      if (box.x < 0 || box.y < 0 || box.x + box.w > width || box.y + box.h > height) { return false; }
      for (var i = 0; i < taken.length; i++) { if (overlaps(box, taken[i])) { return false; } }
      if (clearOfMarkers) {
        for (var j = 0; j < obstacles.length; j++) {
          if (j !== it.skip && overlaps(box, obstacles[j])) { return false; }
        }
      }
      return true;
    }
  }

  /**
   * Which of the time bar's day labels show, and where. `items`, in time order: {x: its tick's offset in px along
   * the slider, w: its width}; each is centred under its tick, moved in where it would cross `lo` or `hi` (the
   * frame's edges, in the same px). The first and the last always show (the last unless it would cover the
   * first), then each other in time order where it stays `gap` px clear of every one shown. Returns, for each
   * item, the left edge of its box, or null where it is left out. It reads the geometry only: the same width
   * always shows the same days, and a playing bar never flickers.
   */
  function tickLabels(items, lo, hi, gap) {
    var n = items.length, lefts = [], shown = [], result = [];
    for (var i = 0; i < n; i++) {
      var it = items[i], left = it.x - it.w / 2;
      left = Math.max(lo, Math.min(left, hi - it.w));
      lefts.push(left);
      result.push(null);
    }
    var order = n > 1 ? [0, n - 1] : (n ? [0] : []);
    for (var k = 1; k < n - 1; k++) { order.push(k); }
    order.forEach(function (j) {
      var a = lefts[j], b = lefts[j] + items[j].w;
      for (var m = 0; m < shown.length; m++) {
        var o = shown[m];
        if (a < o[1] + gap && o[0] < b + gap) { return; }
      }
      shown.push([a, b]);
      result[j] = a;
    });
    return result;
  }

  var api = {place: place, overlaps: overlaps, tickLabels: tickLabels};
  root.CMCPlacement = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
